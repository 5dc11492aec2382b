import type { RouteExplanation, RouteTier } from "@clawgate/contracts";
import type { Env } from "../env.ts";
import type { EmployeeRecord, RuntimeRow } from "../turn/control-plane.ts";
import { AgentCoreClient } from "./agentcore-client.ts";
import { HttpRuntimeClient } from "./http-client.ts";
import type { RuntimeClient } from "./types.ts";

/** The always-on endpoint of an employee stands in routing as a runtime of its own. */
export const alwaysOnRuntimeId = (employeeId: string) => `always-on:${employeeId}`;

export interface RouteDecision {
  tier: RouteTier;
  runtime: RuntimeRow;
  /** Each tier in order and the runtime it names for this employee, if any. */
  tiers: { tier: RouteTier; runtimeId: string | null }[];
  /** The first runtime after the always-on tier: where turns go while the always-on endpoint is down. */
  fallback: RuntimeRow | null;
}

/** No tier names a runtime and there is no default: the agent cannot run anywhere. */
export class NoRouteError extends Error {}

type Routed = Pick<EmployeeRecord, "id" | "runtimeId"> & { position: Pick<EmployeeRecord["position"], "runtimeId"> };

const RUNTIME_COLUMNS = "id, name, kind, endpoint, qualifier, region";

/**
 * Where the employee's next turn runs (DESIGN §4 step 5): their always-on endpoint, else their own
 * runtime override, else their position's runtime, else the default runtime. The first tier that
 * names something wins; foreign keys keep every named runtime in existence.
 */
export async function selectRoute(db: D1Database, employee: Routed): Promise<RouteDecision> {
  const [alwaysOn, named, fallback] = await Promise.all([
    db.prepare("SELECT endpoint FROM always_on_endpoints WHERE employee_id = ?").bind(employee.id).first<{ endpoint: string }>(),
    db
      .prepare(`SELECT ${RUNTIME_COLUMNS} FROM runtimes WHERE id IN (?, ?)`)
      .bind(employee.runtimeId, employee.position.runtimeId)
      .all<RuntimeRow>(),
    db.prepare(`SELECT ${RUNTIME_COLUMNS} FROM runtimes WHERE is_default = 1 LIMIT 1`).first<RuntimeRow>(),
  ]);
  const byId = (id: string | null) => (id ? (named.results.find((r) => r.id === id) ?? null) : null);
  const candidates: { tier: RouteTier; runtime: RuntimeRow | null }[] = [
    {
      tier: "always_on",
      runtime: alwaysOn ? { id: alwaysOnRuntimeId(employee.id), name: "Always-on endpoint", kind: "http", endpoint: alwaysOn.endpoint, qualifier: null, region: null } : null,
    },
    { tier: "employee_override", runtime: byId(employee.runtimeId) },
    { tier: "position_rule", runtime: byId(employee.position.runtimeId) },
    { tier: "default", runtime: fallback },
  ];
  const chosen = candidates.find((c) => c.runtime !== null);
  if (!chosen?.runtime) throw new NoRouteError("no default runtime is configured");
  const nextTier = candidates.slice(1).find((c) => c.runtime !== null)?.runtime ?? null;
  return { tier: chosen.tier, runtime: chosen.runtime, tiers: candidates.map((c) => ({ tier: c.tier, runtimeId: c.runtime?.id ?? null })), fallback: nextTier };
}

/** The decision in words, for admins asking why an agent runs where it does. */
export function explainRoute(employee: { id: string; name: string; positionName: string }, decision: RouteDecision): RouteExplanation {
  const { runtime } = decision;
  const reasons: Record<RouteTier, string> = {
    always_on: `${employee.name} has an always-on endpoint; it serves all their turns, whatever else is configured.`,
    employee_override: `${employee.name} has their own runtime override (${runtime.name}), which beats the rule of their position (${employee.positionName}).`,
    position_rule: `${employee.name}'s position (${employee.positionName}) routes to ${runtime.name}; they have no override of their own.`,
    default: `Neither ${employee.name} nor their position (${employee.positionName}) names a runtime, so the default runtime (${runtime.name}) serves them.`,
  };
  return {
    employeeId: employee.id,
    tier: decision.tier,
    runtime: { id: runtime.id, name: runtime.name, kind: runtime.kind, target: runtime.endpoint },
    reason: reasons[decision.tier],
    tiers: decision.tiers.map((t) => ({ ...t, chosen: t.tier === decision.tier })),
  };
}

export function runtimeClient(env: Env, runtime: RuntimeRow): RuntimeClient {
  if (runtime.kind === "http") {
    if (!env.RUNTIME_SECRET) throw new Error("RUNTIME_SECRET is not set: plain HTTP runtimes need the shared HMAC secret");
    return new HttpRuntimeClient({ url: runtime.endpoint, secret: env.RUNTIME_SECRET });
  }
  return agentCoreClient(env, runtime);
}

export function agentCoreClient(env: Env, runtime: RuntimeRow): AgentCoreClient {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) throw new Error("AWS credentials are not set: AgentCore runtimes need them");
  return new AgentCoreClient({
    target: { arn: runtime.endpoint, qualifier: runtime.qualifier ?? "DEFAULT", region: runtime.region ?? "us-east-1" },
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
  });
}

import { auditDetailJson, type AlwaysOnHealth } from "@clawgate/contracts";
import { ulid } from "ulid";
import type { RuntimeRow } from "../turn/control-plane.ts";
import type { EndpointHealth } from "./health.ts";
import { RuntimeError } from "./types.ts";
import type { RouteDecision } from "./select.ts";

/** Whether this agent's turns currently bypass its always-on endpoint; kept so state changes are audited once. */
export type AlwaysOnState = "primary" | "fallback";

export interface ServingRuntime {
  runtime: RuntimeRow;
  state: AlwaysOnState;
  /** Set when the state changed with this turn: the audit row to write. */
  audit: { type: "runtime.fallback" | "runtime.recovered"; detail: Record<string, unknown> } | null;
}

/**
 * The runtime that serves this turn: the routed one, except that an unhealthy always-on endpoint
 * hands the turn to the next tier (override → position → default) until it is healthy again.
 */
export async function servingRuntime(decision: RouteDecision, health: EndpointHealth, previous: AlwaysOnState): Promise<ServingRuntime> {
  if (decision.tier !== "always_on" || !decision.fallback) return { runtime: decision.runtime, state: "primary", audit: null };
  const verdict = await health.check(decision.runtime.endpoint);
  if (verdict.healthy) {
    const audit = previous === "fallback" ? { type: "runtime.recovered" as const, detail: { runtimeId: decision.runtime.id } } : null;
    return { runtime: decision.runtime, state: "primary", audit };
  }
  const audit = previous === "primary" ? { type: "runtime.fallback" as const, detail: { from: decision.runtime.id, to: decision.fallback.id, reason: verdict.reason } } : null;
  return { runtime: decision.fallback, state: "fallback", audit };
}

/**
 * The always-on endpoint's health as the next turn will judge it (the cached verdict, or a fresh
 * ping), and the runtime that would serve it; null when the employee is not routed to one. Only
 * reports: the state change and its audit happen with the next turn.
 */
export async function alwaysOnHealth(decision: RouteDecision, health: EndpointHealth): Promise<AlwaysOnHealth | null> {
  if (decision.tier !== "always_on") return null;
  const verdict = await health.check(decision.runtime.endpoint);
  const serving = verdict.healthy || !decision.fallback ? decision.runtime : decision.fallback;
  return { healthy: verdict.healthy, reason: verdict.healthy ? null : verdict.reason, checkedAt: new Date(verdict.checkedAt).toISOString(), servingRuntimeId: serving.id };
}

/** A network error or 5xx from an always-on endpoint counts as a failed health check, so the retry falls back. */
export async function markUnreachable<T>(health: EndpointHealth, runtime: RuntimeRow, invoke: () => Promise<T>): Promise<T> {
  try {
    return await invoke();
  } catch (error) {
    if (runtime.id.startsWith("always-on:") && error instanceof RuntimeError && error.status >= 500) health.markUnhealthy(runtime.endpoint, error.message);
    throw error;
  }
}

export function runtimeAudit(db: D1Database, employeeId: string, audit: NonNullable<ServingRuntime["audit"]>): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(ulid(), new Date().toISOString(), audit.type, employeeId, employeeId, auditDetailJson(audit.detail));
}

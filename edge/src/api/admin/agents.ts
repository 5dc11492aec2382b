import { createRoute } from "@hono/zod-openapi";
import { AgentList, type AgentStatus, type AgentSummary, type ConfigSource, type RouteTier } from "@clawgate/contracts";
import { scopeFilter, scopeOf } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";

/**
 * The Agent Factory's list: every agent in the caller's scope with its model, its runtime and how
 * recently it ran, in one query so that a page of a few hundred agents costs one round trip.
 * The runtime is the configured one, by the precedence of durable-objects/src/runtime/select.ts
 * (always-on, employee override, position rule, default); GET /employees/{id}/route explains it.
 */
const list = createRoute({
  tags: ["agent configuration"],
  security: SESSION_SECURITY,
  method: "get",
  path: "/agents",
  summary: "Every agent in the caller's scope: position, department, model, runtime, always-on, last turn and status",
  responses: { 200: jsonContent(AgentList, "The agents, by employee name"), ...errorResponses(401, 403) },
});

const DAY_MS = 24 * 60 * 60 * 1000;

interface AgentRow {
  id: string;
  name: string;
  role: AgentSummary["role"];
  department_id: string;
  department_name: string;
  position_id: string;
  position_name: string;
  employee_model: string | null;
  position_model: string | null;
  always_on: number;
  employee_runtime: string | null;
  position_runtime: string | null;
  default_runtime: string | null;
  last_turn_at: string | null;
  turns_last_24h: number;
}

function modelOf(row: AgentRow): AgentSummary["model"] {
  if (row.employee_model !== null) return { value: row.employee_model, source: "employee" satisfies ConfigSource };
  if (row.position_model !== null) return { value: row.position_model, source: "position" };
  return { value: null, source: "default" };
}

function runtimeOf(row: AgentRow, names: Map<string, string>): AgentSummary["runtime"] {
  const named = (tier: RouteTier, runtimeId: string) => ({ tier, runtimeId, runtimeName: names.get(runtimeId) ?? null });
  if (row.always_on) return { tier: "always_on", runtimeId: null, runtimeName: null };
  if (row.employee_runtime) return named("employee_override", row.employee_runtime);
  if (row.position_runtime) return named("position_rule", row.position_runtime);
  if (row.default_runtime) return named("default", row.default_runtime);
  return null;
}

function statusOf(lastTurnAt: string | null, now: Date): AgentStatus {
  if (!lastTurnAt) return "never";
  return now.getTime() - Date.parse(lastTurnAt) < DAY_MS ? "active" : "idle";
}

export const agentListRoutes = apiRouter().openapi(list, async (c) => {
  const db = c.env.DB;
  const filter = scopeFilter(await scopeOf(db, c.get("user")), "e.department_id");
  const now = new Date();
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const [rows, runtimes] = await db.batch([
    db
      .prepare(
        `SELECT e.id, e.name, e.role, e.department_id, d.name AS department_name, e.position_id, p.name AS position_name,
                eo.model_id AS employee_model, po.model_id AS position_model,
                a.employee_id IS NOT NULL AS always_on, e.runtime_id AS employee_runtime, p.runtime_id AS position_runtime,
                (SELECT id FROM runtimes WHERE is_default = 1 LIMIT 1) AS default_runtime,
                (SELECT MAX(u.at) FROM usage u WHERE u.employee_id = e.id) AS last_turn_at,
                (SELECT COUNT(*) FROM usage u WHERE u.employee_id = e.id AND u.at >= ?) AS turns_last_24h
         FROM employees e
         JOIN departments d ON d.id = e.department_id
         JOIN positions p ON p.id = e.position_id
         LEFT JOIN agent_config_overrides eo ON eo.employee_id = e.id
         LEFT JOIN agent_config_overrides po ON po.position_id = e.position_id
         LEFT JOIN always_on_endpoints a ON a.employee_id = e.id
         WHERE ${filter.sql}
         ORDER BY e.name, e.id`,
      )
      .bind(since, ...filter.binds),
    db.prepare("SELECT id, name FROM runtimes"),
  ]);
  const names = new Map((runtimes!.results as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const agents = (rows!.results as AgentRow[]).map(
    (row): AgentSummary => ({
      employeeId: row.id,
      name: row.name,
      role: row.role,
      departmentId: row.department_id,
      departmentName: row.department_name,
      positionId: row.position_id,
      positionName: row.position_name,
      model: modelOf(row),
      runtime: runtimeOf(row, names),
      alwaysOn: row.always_on === 1,
      lastTurnAt: row.last_turn_at,
      turnsLast24h: row.turns_last_24h,
      status: statusOf(row.last_turn_at, now),
    }),
  );
  return c.json({ agents, asOf: now.toISOString() }, 200);
});

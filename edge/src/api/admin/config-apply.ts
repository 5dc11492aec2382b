import { createRoute } from "@hono/zod-openapi";
import { ApplyConfig, ApplyResult, type SessionReset } from "@clawgate/contracts";
import type { Env } from "@clawgate/durable-objects";
import { auditStatement } from "../../audit.ts";
import { inScope, notFound, requireAdmin, scopeFilter, scopeOf, type Scope } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { employeeTarget, positionTarget } from "./agent-config-targets.ts";
import { departmentSubtree } from "./removal.ts";

/**
 * "Apply now". Every configuration change already reaches each agent's next turn (the plan is
 * rebuilt when the configuration version moves); this also ends the runtime sessions the agents
 * hold, so a running AgentCore microVM does not keep serving until it idles out: each affected
 * EmployeeAgent stops its AgentCore sessions (StopRuntimeSession) and refreshes its HTTP ones.
 */
const apply = createRoute({
  tags: ["runtimes"],
  security: SESSION_SECURITY,
  method: "post",
  path: "/config/apply",
  summary: "Stop or refresh the runtime sessions of all agents (admin), or of a department, position or employee in the caller's scope",
  request: { body: { content: { "application/json": { schema: ApplyConfig } }, required: true } },
  responses: { 200: jsonContent(ApplyResult, "What the affected agents did"), ...errorResponses(400, 401, 403, 404) },
});

/** Agents are told in small waves: one request fans out to every affected object. */
const WAVE = 25;

async function affectedEmployees(db: D1Database, scope: Scope, target: ApplyConfig): Promise<string[]> {
  const ids = async (where: string, binds: unknown[]) => {
    const filter = scopeFilter(scope, "department_id");
    const rows = await db.prepare(`SELECT id FROM employees WHERE ${where} AND ${filter.sql} ORDER BY id`).bind(...binds, ...filter.binds).all<{ id: string }>();
    return rows.results.map((r) => r.id);
  };
  switch (target.scope) {
    case "all":
      requireAdmin(scope, "apply configuration to everyone");
      return ids("1 = 1", []);
    case "department":
      if (!inScope(scope, target.id) || !(await db.prepare("SELECT 1 FROM departments WHERE id = ?").bind(target.id).first())) throw notFound("department");
      return ids("department_id IN (SELECT value FROM json_each(?))", [JSON.stringify(await departmentSubtree(db, target.id))]);
    case "position":
      // A manager may see a position of a department above theirs; its holders outside their subtree are left alone.
      await positionTarget(db, scope, target.id, "read");
      return ids("position_id = ?", [target.id]);
    case "employee":
      return [(await employeeTarget(db, scope, target.id, "read")).id];
  }
}

async function resetAll(env: Env, employeeIds: string[]): Promise<ApplyResult> {
  const result: ApplyResult = { employees: employeeIds.length, stopped: 0, refreshed: 0, failures: [] };
  for (let i = 0; i < employeeIds.length; i += WAVE) {
    const wave = employeeIds.slice(i, i + WAVE);
    const outcomes = await Promise.allSettled(wave.map((id) => env.EMPLOYEE_AGENT.getByName(id).resetRuntimeSessions() as Promise<SessionReset>));
    outcomes.forEach((outcome, j) => {
      const employeeId = wave[j]!;
      if (outcome.status === "rejected") {
        result.failures.push({ employeeId, message: outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason) });
        return;
      }
      result.stopped += outcome.value.stopped;
      result.refreshed += outcome.value.refreshed;
      for (const failure of outcome.value.failed) result.failures.push({ employeeId, message: `session ${failure.sessionId} on ${failure.runtimeId}: ${failure.message}` });
    });
  }
  return result;
}

export const configApplyRoutes = apiRouter().openapi(apply, async (c) => {
  const db = c.env.DB;
  const target = c.req.valid("json");
  const employees = await affectedEmployees(db, await scopeOf(db, c.get("user")), target);
  const result = await resetAll(c.env, employees);
  await auditStatement(db, "config.applied", c.get("user").employeeId, target.scope === "employee" ? target.id : null, {
    scope: target.scope,
    ...(target.scope === "all" ? {} : { id: target.id }),
    employees: result.employees,
    stopped: result.stopped,
    refreshed: result.refreshed,
    failed: result.failures.length,
  }).run();
  return c.json(result, 200);
});

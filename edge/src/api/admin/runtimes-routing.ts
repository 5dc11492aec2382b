import { createRoute } from "@hono/zod-openapi";
import { EmployeeRouting, IdParam, RouteExplanation, UpdateEmployeeRouting, type AlwaysOnHealth } from "@clawgate/contracts";
import { loadEmployee } from "@clawgate/durable-objects";
import { explainRoute, NoRouteError, selectRoute } from "@clawgate/durable-objects/runtime/select.ts";
import { auditStatement } from "../../audit.ts";
import { forbidden, isAdmin, notFound, scopeOf } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { employeeTarget } from "./agent-config-targets.ts";
import { commit, unknownReference } from "./org-rows.ts";

/**
 * Per-employee routing (DESIGN §4 step 5): a runtime override, which beats the position's rule
 * (PATCH /positions/{id} runtimeId), and an always-on endpoint, which beats both; and the
 * explanation of where the next turn runs, computed by the same code the agent routes with.
 */
const common = { tags: ["runtimes"], security: SESSION_SECURITY };

const read = createRoute({
  ...common,
  method: "get",
  path: "/employees/{id}/routing",
  summary: "The employee's runtime override and always-on endpoint",
  request: { params: IdParam },
  responses: { 200: jsonContent(EmployeeRouting, "The employee's routing"), ...errorResponses(401, 403, 404) },
});

const change = createRoute({
  ...common,
  method: "patch",
  path: "/employees/{id}/routing",
  summary: "Set or clear (null) the runtime override (admin; a manager in scope) or the always-on endpoint (admin only)",
  request: { params: IdParam, body: { content: { "application/json": { schema: UpdateEmployeeRouting } }, required: true } },
  responses: { 200: jsonContent(EmployeeRouting, "The employee's routing as changed"), ...errorResponses(400, 401, 403, 404) },
});

const explain = createRoute({
  ...common,
  method: "get",
  path: "/employees/{id}/route",
  summary: "Which runtime the employee's next turn uses, and why",
  request: { params: IdParam },
  responses: { 200: jsonContent(RouteExplanation, "The route and the tiers considered"), ...errorResponses(401, 403, 404, 409) },
});

async function routingOf(db: D1Database, employeeId: string): Promise<EmployeeRouting> {
  const row = await db
    .prepare("SELECT e.runtime_id, a.endpoint FROM employees e LEFT JOIN always_on_endpoints a ON a.employee_id = e.id WHERE e.id = ?")
    .bind(employeeId)
    .first<{ runtime_id: string | null; endpoint: string | null }>();
  return { employeeId, runtimeId: row?.runtime_id ?? null, alwaysOnEndpoint: row?.endpoint ?? null };
}

export const routingRoutes = apiRouter()
  .openapi(read, async (c) => {
    const employee = await employeeTarget(c.env.DB, await scopeOf(c.env.DB, c.get("user")), c.req.valid("param").id, "read");
    return c.json(await routingOf(c.env.DB, employee.id), 200);
  })
  .openapi(change, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const employee = await employeeTarget(db, scope, c.req.valid("param").id, "change");
    const body = c.req.valid("json");
    // The endpoint receives the agent's whole plan and memory: only admins may point it anywhere.
    if (body.alwaysOnEndpoint !== undefined && !isAdmin(scope)) throw forbidden("Only admins may set always-on endpoints.");
    if (body.runtimeId && !(await db.prepare("SELECT 1 FROM runtimes WHERE id = ?").bind(body.runtimeId).first())) throw unknownReference("runtimeId", "runtime");
    const now = new Date().toISOString();
    await commit(db, [
      ...(body.runtimeId !== undefined ? [db.prepare("UPDATE employees SET runtime_id = ? WHERE id = ?").bind(body.runtimeId, employee.id)] : []),
      ...(body.alwaysOnEndpoint === null ? [db.prepare("DELETE FROM always_on_endpoints WHERE employee_id = ?").bind(employee.id)] : []),
      ...(body.alwaysOnEndpoint
        ? [
            db
              .prepare(
                `INSERT INTO always_on_endpoints (employee_id, endpoint, updated_at, updated_by) VALUES (?, ?, ?, ?)
                 ON CONFLICT(employee_id) DO UPDATE SET endpoint = excluded.endpoint, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
              )
              .bind(employee.id, body.alwaysOnEndpoint, now, actor),
          ]
        : []),
      bumpConfigVersion(db),
      auditStatement(db, "config.changed", actor, employee.id, {
        area: "routing",
        ...(body.runtimeId !== undefined ? { runtimeId: body.runtimeId } : {}),
        ...(body.alwaysOnEndpoint !== undefined ? { alwaysOn: body.alwaysOnEndpoint === null ? "cleared" : "set" } : {}),
      }),
    ]);
    return c.json(await routingOf(db, employee.id), 200);
  })
  .openapi(explain, async (c) => {
    const db = c.env.DB;
    const target = await employeeTarget(db, await scopeOf(db, c.get("user")), c.req.valid("param").id, "read");
    const employee = await loadEmployee(db, target.id);
    if (!employee) throw notFound("employee");
    const decision = await selectRoute(db, employee).catch((error: unknown) => {
      throw error instanceof NoRouteError ? new ApiFailure(409, "no_route", `${error.message}: make a runtime the default.`) : error;
    });
    const explanation = explainRoute({ id: employee.id, name: employee.name, positionName: employee.position.name }, decision);
    // The verdict lives in the employee's agent, which keeps it between turns.
    if (decision.tier === "always_on") explanation.health = (await c.env.EMPLOYEE_AGENT.getByName(employee.id).alwaysOnHealth(employee.id)) as AlwaysOnHealth | null;
    return c.json(explanation, 200);
  });

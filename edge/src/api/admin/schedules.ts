import { createRoute, z } from "@hono/zod-openapi";
import { Schedule } from "@clawgate/contracts";
import { scopeOf } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { employeeTarget } from "./agent-config-targets.ts";

/**
 * Scheduled tasks as admins and managers see them (issue 8), one employee at a time. Schedules
 * live in each employee's EmployeeAgent, not in D1, so an org-wide listing would wake one object
 * per employee; `employeeId` is therefore required, checked against the caller's scope (admin:
 * anyone; manager: their subtree; anyone else reads as unknown, 404) before that one object is asked.
 */
const list = createRoute({
  tags: ["schedules"],
  security: SESSION_SECURITY,
  method: "get",
  path: "/schedules",
  summary: "An employee's scheduled tasks (employee in your scope)",
  request: { query: z.object({ employeeId: z.string().trim().min(1).max(64) }) },
  responses: { 200: jsonContent(z.object({ employeeId: z.string(), schedules: z.array(Schedule) }), "The employee's schedules"), ...errorResponses(400, 401, 403, 404) },
});

export const scheduleAdminRoutes = apiRouter().openapi(list, async (c) => {
  const employee = await employeeTarget(c.env.DB, await scopeOf(c.env.DB, c.get("user")), c.req.valid("query").employeeId, "read");
  const schedules = (await c.env.EMPLOYEE_AGENT.getByName(employee.id).schedules()) as Schedule[];
  return c.json({ employeeId: employee.id, schedules }, 200);
});

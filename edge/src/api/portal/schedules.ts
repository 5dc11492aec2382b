import { createRoute, z } from "@hono/zod-openapi";
import { Schedule } from "@clawgate/contracts";
import { notFound } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";

/**
 * The caller's own scheduled tasks (issue 8). The EmployeeAgent owns them, so every route asks the
 * caller's own object: a schedule id of someone else's agent is simply not there (404). Pause,
 * resume and delete are audited by the object with the caller as actor.
 */
const common = { tags: ["portal"], security: SESSION_SECURITY };
const ScheduleIdParam = z.object({ id: z.string().min(1).max(128) });

const list = createRoute({
  ...common,
  method: "get",
  path: "/schedules",
  summary: "Your agent's scheduled tasks, with their next and last run",
  responses: { 200: jsonContent(z.object({ schedules: z.array(Schedule) }), "Your schedules"), ...errorResponses(401) },
});

const pauseOrResume = (action: "pause" | "resume") =>
  createRoute({
    ...common,
    method: "post",
    path: `/schedules/{id}/${action}`,
    summary: action === "pause" ? "Pause one of your schedules: it does not fire until resumed" : "Resume a paused schedule from now; runs missed while paused are skipped",
    request: { params: ScheduleIdParam },
    responses: { 200: jsonContent(Schedule, "The schedule"), ...errorResponses(400, 401, 404) },
  });

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/schedules/{id}",
  summary: "Delete one of your schedules",
  request: { params: ScheduleIdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 404) },
});

export const schedulePortalRoutes = apiRouter()
  .openapi(list, async (c) => {
    const schedules = (await c.env.EMPLOYEE_AGENT.getByName(c.get("user").employeeId).schedules()) as Schedule[];
    return c.json({ schedules }, 200);
  })
  .openapi(pauseOrResume("pause"), async (c) => {
    const { employeeId } = c.get("user");
    const schedule = (await c.env.EMPLOYEE_AGENT.getByName(employeeId).setSchedulePaused(c.req.valid("param").id, true, employeeId)) as Schedule | null;
    if (!schedule) throw notFound("schedule");
    return c.json(schedule, 200);
  })
  .openapi(pauseOrResume("resume"), async (c) => {
    const { employeeId } = c.get("user");
    const schedule = (await c.env.EMPLOYEE_AGENT.getByName(employeeId).setSchedulePaused(c.req.valid("param").id, false, employeeId)) as Schedule | null;
    if (!schedule) throw notFound("schedule");
    return c.json(schedule, 200);
  })
  .openapi(remove, async (c) => {
    const { employeeId } = c.get("user");
    if (!(await c.env.EMPLOYEE_AGENT.getByName(employeeId).deleteSchedule(c.req.valid("param").id, employeeId))) throw notFound("schedule");
    return c.body(null, 204);
  });

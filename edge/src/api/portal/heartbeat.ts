import { createRoute } from "@hono/zod-openapi";
import { HeartbeatSettings, HeartbeatUpdate } from "@clawgate/contracts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";

/**
 * The caller's agent heartbeat: an optional periodic turn that follows HEARTBEAT.md (edited via
 * PUT /api/portal/memory/HEARTBEAT.md), fired by the caller's own EmployeeAgent like any schedule.
 * A run with nothing to report (NO_REPLY / HEARTBEAT_OK) reaches neither a channel nor the inbox.
 */
const common = { tags: ["portal"], security: SESSION_SECURITY };

const read = createRoute({
  ...common,
  method: "get",
  path: "/heartbeat",
  summary: "Your agent's heartbeat: on or off, how often, the next run and HEARTBEAT.md",
  responses: { 200: jsonContent(HeartbeatSettings, "Your heartbeat"), ...errorResponses(401) },
});

const update = createRoute({
  ...common,
  method: "put",
  path: "/heartbeat",
  summary: "Switch your agent's heartbeat on or off and set its interval (30–1440 minutes)",
  request: { body: { content: { "application/json": { schema: HeartbeatUpdate } }, required: true } },
  responses: { 200: jsonContent(HeartbeatSettings, "Your heartbeat after the change"), ...errorResponses(400, 401) },
});

export const heartbeatPortalRoutes = apiRouter()
  .openapi(read, async (c) => {
    const { employeeId } = c.get("user");
    const settings = (await c.env.EMPLOYEE_AGENT.getByName(employeeId).heartbeat(employeeId)) as HeartbeatSettings;
    return c.json(settings, 200);
  })
  .openapi(update, async (c) => {
    const { employeeId } = c.get("user");
    const { enabled, everyMinutes } = c.req.valid("json");
    const settings = (await c.env.EMPLOYEE_AGENT.getByName(employeeId).setHeartbeat(employeeId, enabled, everyMinutes)) as HeartbeatSettings;
    return c.json(settings, 200);
  });

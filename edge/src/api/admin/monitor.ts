import { createRoute } from "@hono/zod-openapi";
import { MonitorReport } from "@clawgate/contracts";
import { scopeOf } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { activeSessions, recentFailures, recentTurns } from "../../operations/monitor-query.ts";

const monitor = createRoute({
  tags: ["operations"],
  security: SESSION_SECURITY,
  method: "get",
  path: "/monitor",
  summary: "Active sessions (a turn in the last 15 minutes), the last 50 turns and the last 50 failures, in the caller's scope",
  responses: { 200: jsonContent(MonitorReport, "What the agents are doing"), ...errorResponses(401, 403) },
});

export const monitorRoutes = apiRouter().openapi(monitor, async (c) => {
  const db = c.env.DB;
  const scope = await scopeOf(db, c.get("user"));
  const now = new Date();
  const [sessions, turns, failures] = await Promise.all([activeSessions(db, scope, now), recentTurns(db, scope, 50), recentFailures(db, scope, 50)]);
  return c.json({ sessions, turns, failures, generatedAt: now.toISOString() }, 200);
});

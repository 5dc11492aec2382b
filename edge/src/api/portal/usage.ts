import { createRoute } from "@hono/zod-openapi";
import { PortalUsage } from "@clawgate/contracts";
import { budgetState, monthStart } from "@clawgate/durable-objects/turn/budget.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { usageRows, usageTotals } from "../../governance/usage-rollup.ts";

const usage = createRoute({
  tags: ["portal"],
  security: SESSION_SECURITY,
  method: "get",
  path: "/usage",
  summary: "Your own usage this month: totals, by day, by model, and where you stand against your budget",
  responses: { 200: jsonContent(PortalUsage, "Your usage this month"), ...errorResponses(401) },
});

/** Always the caller's own usage: the employee id comes from the session, never from the request. */
export const portalUsageRoutes = apiRouter().openapi(usage, async (c) => {
  const db = c.env.DB;
  const employeeId = c.get("user").employeeId;
  const now = new Date();
  const from = monthStart(now);
  const selection = { from, to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString() };
  const own = { self: employeeId };
  const [total, byDay, byModel, budget] = await Promise.all([
    usageTotals(db, own, selection),
    usageRows(db, own, selection, "day"),
    usageRows(db, own, selection, "model"),
    budgetState(db, employeeId, now),
  ]);
  return c.json({ month: from.slice(0, 7), total, byDay, byModel, budget }, 200);
});

import { createRoute } from "@hono/zod-openapi";
import { UsageQuery, UsageRollup } from "@clawgate/contracts";
import { monthStart } from "@clawgate/durable-objects/turn/budget.ts";
import { scopeOf } from "../../auth/scope.ts";
import { invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { assertDepartmentVisible, assertEmployeeVisible } from "../../governance/scoped-lookups.ts";
import { usageRows, usageTotals } from "../../governance/usage-rollup.ts";

const common = { tags: ["usage"], security: SESSION_SECURITY };

const rollup = createRoute({
  ...common,
  method: "get",
  path: "/usage",
  summary: "Tokens and cost in the caller's scope, grouped by employee, department subtree, position, model, day, week or month",
  request: { query: UsageQuery },
  responses: { 200: jsonContent(UsageRollup, "The rollup and its total"), ...errorResponses(400, 401, 403, 404) },
});

export const usageRoutes = apiRouter().openapi(rollup, async (c) => {
  const db = c.env.DB;
  const { groupBy, departmentId, employeeId, ...range } = c.req.valid("query");
  const now = new Date();
  const from = range.from ?? monthStart(now);
  const to = range.to ?? now.toISOString();
  if (from >= to) throw invalidRequest([{ path: "to", message: "must be after from" }]);
  const scope = await scopeOf(db, c.get("user"));
  if (departmentId) await assertDepartmentVisible(db, scope, departmentId);
  if (employeeId) await assertEmployeeVisible(db, scope, employeeId);
  const selection = { from, to, departmentId, employeeId };
  const [rows, total] = await Promise.all([usageRows(db, scope, selection, groupBy), usageTotals(db, scope, selection)]);
  return c.json({ groupBy, from, to, rows, total }, 200);
});

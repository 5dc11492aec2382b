import { createRoute } from "@hono/zod-openapi";
import { Dashboard } from "@clawgate/contracts";
import { isAdmin, scopeOf } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { dashboardCounts } from "../../operations/dashboard-counts.ts";
import { readOrgSettings } from "../../operations/org-settings.ts";
import { recentActivity } from "../../operations/recent-activity.ts";
import { setupChecklist } from "../../operations/setup-checklist.ts";

const dashboard = createRoute({
  tags: ["operations"],
  security: SESSION_SECURITY,
  method: "get",
  path: "/dashboard",
  summary: "The admin home: setup checklist (admins), live counts and the latest audit events, all in the caller's scope",
  responses: { 200: jsonContent(Dashboard, "The dashboard"), ...errorResponses(401, 403) },
});

export const dashboardRoutes = apiRouter().openapi(dashboard, async (c) => {
  const db = c.env.DB;
  const scope = await scopeOf(db, c.get("user"));
  const now = new Date();
  const [settings, checklist, counts, activity] = await Promise.all([
    readOrgSettings(db),
    isAdmin(scope) ? setupChecklist(db, c.env) : Promise.resolve(null),
    dashboardCounts(db, scope, now),
    recentActivity(db, scope, 10),
  ]);
  return c.json({ organisationName: settings.organisationName, checklist, counts, activity, generatedAt: now.toISOString() }, 200);
});

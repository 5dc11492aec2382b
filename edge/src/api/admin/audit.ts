import { createRoute, z } from "@hono/zod-openapi";
import { AuditExportQuery, AuditListQuery, AuditPage, InsightReport, InsightsQuery } from "@clawgate/contracts";
import { scopeOf } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { auditExport } from "../../governance/audit-export.ts";
import { auditInsights } from "../../governance/audit-insights.ts";
import { auditPage, decodeCursor, encodeCursor } from "../../governance/audit-query.ts";
import { assertEmployeeVisible } from "../../governance/scoped-lookups.ts";

/**
 * The audit trail, read-only: it is append-only (no route changes it, and D1 triggers refuse an
 * UPDATE or DELETE). Admins read everything; managers the events about employees of their
 * subtree; employees are refused by the admin namespace.
 */
const common = { tags: ["audit"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/audit",
  summary: "Audit events in the caller's scope, newest first, filtered by type, category, actor, employee and time range",
  request: { query: AuditListQuery },
  responses: { 200: jsonContent(AuditPage, "One page of events"), ...errorResponses(400, 401, 403, 404) },
});

const exportTrail = createRoute({
  ...common,
  method: "get",
  path: "/audit/export",
  summary: "The filtered audit trail as CSV or JSON Lines, streamed page by page",
  request: { query: AuditExportQuery },
  responses: {
    200: {
      description: "One event per line (CSV with a header row), newest first",
      content: { "text/csv": { schema: z.string() }, "application/x-ndjson": { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const insights = createRoute({
  ...common,
  method: "get",
  path: "/audit/insights",
  summary: "Patterns in recent events: repeated denials, guardrail spikes, stale approvals, agents without channels",
  request: { query: InsightsQuery },
  responses: { 200: jsonContent(InsightReport, "What the detectors found"), ...errorResponses(400, 401, 403) },
});

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" } as const;

export const auditRoutes = apiRouter()
  .openapi(list, async (c) => {
    const { limit, cursor, ...filter } = c.req.valid("query");
    const scope = await scopeOf(c.env.DB, c.get("user"));
    if (filter.employeeId) await assertEmployeeVisible(c.env.DB, scope, filter.employeeId);
    const page = await auditPage(c.env.DB, scope, filter, limit, cursor === undefined ? null : decodeCursor(cursor));
    return c.json({ events: page.events, nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
  })
  .openapi(exportTrail, async (c) => {
    const { format, ...filter } = c.req.valid("query");
    const scope = await scopeOf(c.env.DB, c.get("user"));
    if (filter.employeeId) await assertEmployeeVisible(c.env.DB, scope, filter.employeeId);
    const filename = `audit-${new Date().toISOString().slice(0, 10)}.${format}`;
    return new Response(auditExport(c.env.DB, scope, filter, format), {
      headers: { "content-type": CONTENT_TYPES[format], "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  })
  .openapi(insights, async (c) => {
    const scope = await scopeOf(c.env.DB, c.get("user"));
    return c.json(await auditInsights(c.env.DB, scope, c.req.valid("query")), 200);
  });

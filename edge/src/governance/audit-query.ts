import { auditCategoryOf, auditTypesIn, type AuditEvent, type AuditFilter } from "@clawgate/contracts";
import { scopeFilter, type Scope } from "../auth/scope.ts";
import { invalidRequest } from "../http/errors.ts";

/**
 * Reading the audit trail: filters, role scope and keyset pagination over (at, id), newest first.
 * A page ends at a concrete (at, id), and the next one starts strictly below it, so events written
 * meanwhile (always above) never shift or repeat a page.
 */

interface AuditRow {
  id: string;
  at: string;
  type: string;
  actor: string;
  employee_id: string | null;
  detail: string;
}

export interface AuditCursor {
  at: string;
  id: string;
}

export const toAuditEvent = (r: AuditRow): AuditEvent => ({
  id: r.id,
  at: r.at,
  type: r.type,
  category: auditCategoryOf(r.type),
  actor: r.actor,
  employeeId: r.employee_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

/** Opaque to clients: base64url of the last event's (at, id). */
export function encodeCursor(cursor: AuditCursor): string {
  return btoa(JSON.stringify([cursor.at, cursor.id])).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

export function decodeCursor(text: string): AuditCursor {
  try {
    const [at, id] = JSON.parse(atob(text.replaceAll("-", "+").replaceAll("_", "/"))) as unknown[];
    if (typeof at === "string" && typeof id === "string") return { at, id };
  } catch {
    // falls through to the 400 below
  }
  throw invalidRequest([{ path: "cursor", message: "not a cursor this API returned" }]);
}

/**
 * WHERE clause of a filtered, scoped read. A manager sees events about employees of their subtree
 * (events about no employee, such as a department change, are for admins); the admin namespace
 * never lets employees this far.
 */
function auditWhere(scope: Scope, filter: AuditFilter, after: AuditCursor | null): { sql: string; binds: unknown[] } {
  const where: string[] = [];
  const binds: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    binds.push(...values);
  };
  if (scope.departments !== null) {
    const inScope = scopeFilter(scope, "department_id");
    add(`employee_id IN (SELECT id FROM employees WHERE ${inScope.sql})`, ...inScope.binds);
  }
  if (filter.type) add("type = ?", filter.type);
  if (filter.category) add("type IN (SELECT value FROM json_each(?))", JSON.stringify(auditTypesIn(filter.category)));
  if (filter.actor) add("actor = ?", filter.actor);
  if (filter.employeeId) add("employee_id = ?", filter.employeeId);
  if (filter.from) add("at >= ?", filter.from);
  if (filter.to) add("at < ?", filter.to);
  // A row-value comparison, so SQLite walks the (at, id) index in order instead of sorting.
  if (after) add("(at, id) < (?, ?)", after.at, after.id);
  return { sql: where.length ? where.join(" AND ") : "1 = 1", binds };
}

/** One page, newest first, and where the next one starts (null on the last page). */
export async function auditPage(db: D1Database, scope: Scope, filter: AuditFilter, limit: number, after: AuditCursor | null): Promise<{ events: AuditEvent[]; next: AuditCursor | null }> {
  const { sql, binds } = auditWhere(scope, filter, after);
  const rows = await db
    .prepare(`SELECT id, at, type, actor, employee_id, detail FROM audit_events WHERE ${sql} ORDER BY at DESC, id DESC LIMIT ?`)
    .bind(...binds, limit + 1)
    .all<AuditRow>();
  const page = rows.results.slice(0, limit);
  const last = page.at(-1);
  return { events: page.map(toAuditEvent), next: rows.results.length > limit && last ? { at: last.at, id: last.id } : null };
}

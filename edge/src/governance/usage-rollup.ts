import type { UsageGroupBy, UsageRow, UsageTotals } from "@clawgate/contracts";
import { isAdmin, scopeFilter, type Scope } from "../auth/scope.ts";

/**
 * Usage & cost rollups over the usage rows (exact token counts from the runtime, priced when
 * written). Rows are attributed to the employee's *current* department and position. Usage of
 * deleted employees counts in an admin's totals and per-model/per-period rows, not under any
 * department or position.
 */

/** Whose usage a caller may read: their scope (admin API), or only their own (portal). */
export type UsageViewer = Scope | { self: string };

export interface UsageSelection {
  from: string;
  to: string;
  departmentId?: string;
  employeeId?: string;
}

const TOTALS = `COUNT(*) AS turns, COALESCE(SUM(u.input_tokens), 0) AS input_tokens, COALESCE(SUM(u.output_tokens), 0) AS output_tokens,
  COALESCE(SUM(u.cost_usd), 0) AS cost_usd, COALESCE(SUM(CASE WHEN u.priced = 0 THEN 1 ELSE 0 END), 0) AS unpriced_turns`;

interface TotalsRow {
  turns: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  unpriced_turns: number;
}

const toTotals = (r: TotalsRow): UsageTotals => ({
  turns: r.turns,
  inputTokens: r.input_tokens,
  outputTokens: r.output_tokens,
  costUsd: r.cost_usd,
  unpricedTurns: r.unpriced_turns,
});

/** Key and label of each grouping; periods are keyed by their first day (weeks start on Monday, UTC). */
const GROUPS: Record<Exclude<UsageGroupBy, "department">, { key: string; label: string; order: string }> = {
  employee: { key: "u.employee_id", label: "MAX(e.name)", order: "cost_usd DESC, group_key" },
  position: { key: "e.position_id", label: "MAX(p.name)", order: "cost_usd DESC, group_key" },
  model: { key: "u.model", label: "NULL", order: "cost_usd DESC, group_key" },
  day: { key: "substr(u.at, 1, 10)", label: "NULL", order: "group_key" },
  week: { key: "date(u.at, 'weekday 0', '-6 days')", label: "NULL", order: "group_key" },
  month: { key: "substr(u.at, 1, 7)", label: "NULL", order: "group_key" },
};

/** WHERE over `usage u LEFT JOIN employees e`: time range, scope and the optional filters. */
function selectionWhere(viewer: UsageViewer, selection: UsageSelection): { sql: string; binds: unknown[] } {
  const where = ["u.at >= ?", "u.at < ?"];
  const binds: unknown[] = [selection.from, selection.to];
  if ("self" in viewer) {
    where.push("u.employee_id = ?");
    binds.push(viewer.self);
  } else if (!isAdmin(viewer)) {
    const filter = scopeFilter(viewer, "e.department_id");
    where.push(filter.sql);
    binds.push(...filter.binds);
  }
  if (selection.employeeId) {
    where.push("u.employee_id = ?");
    binds.push(selection.employeeId);
  }
  if (selection.departmentId) {
    where.push(`e.department_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id) SELECT id FROM sub)`);
    binds.push(selection.departmentId);
  }
  return { sql: where.join(" AND "), binds };
}

export async function usageTotals(db: D1Database, viewer: UsageViewer, selection: UsageSelection): Promise<UsageTotals> {
  const { sql, binds } = selectionWhere(viewer, selection);
  const row = await db.prepare(`SELECT ${TOTALS} FROM usage u LEFT JOIN employees e ON e.id = u.employee_id WHERE ${sql}`).bind(...binds).first<TotalsRow>();
  return toTotals(row!);
}

export async function usageRows(db: D1Database, viewer: UsageViewer, selection: UsageSelection, groupBy: UsageGroupBy): Promise<UsageRow[]> {
  const { sql, binds } = selectionWhere(viewer, selection);
  if (groupBy === "department") return departmentRows(db, "self" in viewer ? null : viewer, sql, binds);
  const group = GROUPS[groupBy];
  const rows = await db
    .prepare(
      `SELECT ${group.key} AS group_key, ${group.label} AS label, ${TOTALS}
         FROM usage u LEFT JOIN employees e ON e.id = u.employee_id LEFT JOIN positions p ON p.id = e.position_id
        WHERE ${sql} ${groupBy === "position" ? "AND e.position_id IS NOT NULL" : ""}
        GROUP BY group_key ORDER BY ${group.order}`,
    )
    .bind(...binds)
    .all<TotalsRow & { group_key: string; label: string | null }>();
  return rows.results.map((r) => ({ key: r.group_key, label: r.label, ...toTotals(r) }));
}

/** One row per department in scope with usage, covering its whole subtree (rows nest). */
async function departmentRows(db: D1Database, scope: Scope | null, where: string, binds: unknown[]): Promise<UsageRow[]> {
  const roots = scope ? scopeFilter(scope, "t.root") : { sql: "1 = 1", binds: [] };
  const rows = await db
    .prepare(
      `WITH RECURSIVE tree(root, id) AS (
         SELECT id, id FROM departments
         UNION SELECT t.root, d.id FROM departments d JOIN tree t ON d.parent_id = t.id)
       SELECT t.root AS group_key, MAX(dep.name) AS label, ${TOTALS}
         FROM tree t JOIN departments dep ON dep.id = t.root
         JOIN employees e ON e.department_id = t.id
         JOIN usage u ON u.employee_id = e.id
        WHERE ${where} AND ${roots.sql}
        GROUP BY t.root ORDER BY cost_usd DESC, group_key`,
    )
    .bind(...binds, ...roots.binds)
    .all<TotalsRow & { group_key: string; label: string | null }>();
  return rows.results.map((r) => ({ key: r.group_key, label: r.label, ...toTotals(r) }));
}

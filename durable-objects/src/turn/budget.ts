import type { BudgetScope, BudgetState } from "@clawgate/contracts";

/**
 * Where an employee stands against their monthly budget. Budgets are per-employee limits set at
 * three levels; the most specific applies: the employee's own, else the nearest department up the
 * tree from theirs, else the global one; none at all means no limit. Months are calendar months
 * in UTC; `spentUsd` sums the priced usage rows of that month up to `at` (unpriced turns are
 * counted apart: their cost is unknown, not zero). Warns at 80 %; an admin's exception in force
 * keeps an exceeded employee working. The turn path refuses a turn when `refuseTurns`.
 */
export const WARN_RATIO = 0.8;

interface BudgetRow {
  id: string;
  scope: BudgetScope;
  scope_id: string;
  monthly_limit_usd: number;
}

interface ExceptionRow {
  id: string;
  expires_at: string;
  granted_by: string;
}

/** The first instant of `at`'s calendar month, UTC. */
export function monthStart(at: Date): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)).toISOString();
}

export async function budgetState(db: D1Database, employeeId: string, at: Date = new Date()): Promise<BudgetState> {
  const atIso = at.toISOString();
  const since = monthStart(at);
  // Three reads in one round trip (and one consistent snapshot): the turn path calls this per turn.
  const [budget, spend, exception] = await db.batch([
    db
      .prepare(
        `WITH RECURSIVE chain(id, parent_id, depth) AS (
           SELECT d.id, d.parent_id, 0 FROM departments d JOIN employees e ON e.department_id = d.id WHERE e.id = ?1
           UNION ALL SELECT d.id, d.parent_id, c.depth + 1 FROM departments d JOIN chain c ON d.id = c.parent_id WHERE c.depth < 64)
         SELECT b.id, b.scope, b.scope_id, b.monthly_limit_usd,
                CASE b.scope WHEN 'employee' THEN 0 WHEN 'department' THEN 1 + (SELECT MIN(depth) FROM chain WHERE chain.id = b.scope_id) ELSE 1000 END AS rank
           FROM budgets b
          WHERE (b.scope = 'employee' AND b.scope_id = ?1)
             OR (b.scope = 'department' AND b.scope_id IN (SELECT id FROM chain))
             OR b.scope = 'global'
          ORDER BY rank LIMIT 1`,
      )
      .bind(employeeId),
    db
      .prepare(
        `SELECT COALESCE(SUM(cost_usd), 0) AS spent, COALESCE(SUM(CASE WHEN priced = 0 THEN 1 ELSE 0 END), 0) AS unpriced
           FROM usage WHERE employee_id = ? AND at >= ? AND at <= ?`,
      )
      .bind(employeeId, since, atIso),
    db
      .prepare(
        `SELECT id, expires_at, granted_by FROM budget_exceptions
          WHERE employee_id = ?1 AND revoked_at IS NULL AND granted_at <= ?2 AND expires_at > ?2
          ORDER BY expires_at DESC LIMIT 1`,
      )
      .bind(employeeId, atIso),
  ]);
  const row = (budget!.results as BudgetRow[])[0];
  const totals = (spend!.results as { spent: number; unpriced: number }[])[0]!;
  const granted = (exception!.results as ExceptionRow[])[0];
  const limitUsd = row ? row.monthly_limit_usd : null;
  const spentUsd = totals.spent;
  const exceeded = limitUsd !== null && spentUsd >= limitUsd;
  return {
    month: since.slice(0, 7),
    limitUsd,
    spentUsd,
    unpricedTurns: totals.unpriced,
    level: row ? row.scope : "none",
    source: row ? { budgetId: row.id, scope: row.scope, scopeId: row.scope === "global" ? null : row.scope_id } : null,
    warn: limitUsd !== null && spentUsd >= limitUsd * WARN_RATIO,
    exceeded,
    exception: granted ? { id: granted.id, expiresAt: granted.expires_at, grantedBy: granted.granted_by } : null,
    refuseTurns: exceeded && !granted,
  };
}

import { ulid } from "ulid";
import type { Budget, BudgetException, BudgetScope } from "@clawgate/contracts";
import { scopeFilter, type Scope } from "../auth/scope.ts";

/** D1 rows of budgets and budget exceptions, and their API shapes. */

interface BudgetRow {
  id: string;
  scope: BudgetScope;
  scope_id: string;
  monthly_limit_usd: number;
  updated_at: string;
  updated_by: string;
}

interface ExceptionRow {
  id: string;
  employee_id: string;
  reason: string;
  granted_by: string;
  granted_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** The global budget's scope_id: one row, kept unique by UNIQUE (scope, scope_id). */
export const GLOBAL_SCOPE_ID = "*";

export const toBudget = (r: BudgetRow): Budget => ({
  id: r.id,
  scope: r.scope,
  scopeId: r.scope === "global" ? null : r.scope_id,
  monthlyLimitUsd: r.monthly_limit_usd,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export const toBudgetException = (r: ExceptionRow, now = new Date().toISOString()): BudgetException => ({
  id: r.id,
  employeeId: r.employee_id,
  reason: r.reason,
  grantedBy: r.granted_by,
  grantedAt: r.granted_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  active: r.revoked_at === null && r.granted_at <= now && r.expires_at > now,
});

export const newBudgetId = () => `bud-${ulid().toLowerCase()}`;
export const newExceptionId = () => `bex-${ulid().toLowerCase()}`;

export async function findBudget(db: D1Database, id: string): Promise<Budget | null> {
  const row = await db.prepare("SELECT * FROM budgets WHERE id = ?").bind(id).first<BudgetRow>();
  return row ? toBudget(row) : null;
}

export async function findBudgetException(db: D1Database, id: string): Promise<BudgetException | null> {
  const row = await db.prepare("SELECT * FROM budget_exceptions WHERE id = ?").bind(id).first<ExceptionRow>();
  return row ? toBudgetException(row) : null;
}

/**
 * Budgets that bear on the caller's people: for a manager the global one, those of their subtree
 * and of the departments above it (they apply to the manager's people too), and their employees'.
 */
export async function listBudgets(db: D1Database, scope: Scope): Promise<Budget[]> {
  const below = scopeFilter(scope, "e.department_id");
  const around = scopeFilter(scope, "b.scope_id", { withAncestors: true });
  const rows = await db
    .prepare(
      `SELECT b.* FROM budgets b LEFT JOIN employees e ON b.scope = 'employee' AND e.id = b.scope_id
        WHERE b.scope = 'global' OR (b.scope = 'department' AND ${around.sql}) OR (b.scope = 'employee' AND ${below.sql})
        ORDER BY CASE b.scope WHEN 'global' THEN 0 WHEN 'department' THEN 1 ELSE 2 END, b.scope_id`,
    )
    .bind(...around.binds, ...below.binds)
    .all<BudgetRow>();
  return rows.results.map(toBudget);
}

/** Exceptions of employees in the caller's scope, newest first. */
export async function listBudgetExceptions(db: D1Database, scope: Scope): Promise<BudgetException[]> {
  const filter = scopeFilter(scope, "e.department_id");
  const rows = await db
    .prepare(
      `SELECT x.* FROM budget_exceptions x LEFT JOIN employees e ON e.id = x.employee_id
        WHERE ${filter.sql} ORDER BY x.granted_at DESC, x.id DESC LIMIT 500`,
    )
    .bind(...filter.binds)
    .all<ExceptionRow>();
  const now = new Date().toISOString();
  return rows.results.map((r) => toBudgetException(r, now));
}

import type { Employee } from "@clawgate/contracts";
import { forbidden, inScope, isAdmin, scopeFilter, type Scope } from "../auth/scope.ts";
import { findEmployee } from "../api/admin/org-rows.ts";

/**
 * Who may grant a skill to whom: admins anyone; managers the employees of their department subtree
 * but never themselves (a manager approving their own request would be no approval at all). An
 * employee outside the caller's scope reads as unknown (404).
 */
export async function scopedEmployee(db: D1Database, scope: Scope, employeeId: string): Promise<Employee | null> {
  const employee = await findEmployee(db, employeeId);
  return employee && inScope(scope, employee.departmentId) ? employee : null;
}

export function assertNotSelfGrant(scope: Scope, employeeId: string): void {
  if (!isAdmin(scope) && scope.employeeId === employeeId) throw forbidden("Managers may not approve or install skills for themselves; ask an admin or your own manager.");
}

/** SQL for "the row's employee is in scope", on a column holding an employee id. */
export function employeeScopeFilter(scope: Scope, column: string): { sql: string; binds: string[] } {
  const filter = scopeFilter(scope, "department_id");
  return { sql: `${column} IN (SELECT id FROM employees WHERE ${filter.sql})`, binds: filter.binds };
}

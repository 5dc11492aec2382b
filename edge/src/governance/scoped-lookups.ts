import { inScope, isAdmin, notFound, type Scope } from "../auth/scope.ts";

/**
 * Ids a caller names in a governance filter follow the scope rule of reads by id: outside the
 * caller's scope reads exactly like an id that does not exist (404).
 */
export async function assertEmployeeVisible(db: D1Database, scope: Scope, employeeId: string): Promise<void> {
  // Admins may name a deleted employee: their audit events and usage outlive them.
  if (isAdmin(scope)) return;
  const row = await db.prepare("SELECT department_id FROM employees WHERE id = ?").bind(employeeId).first<{ department_id: string }>();
  if (!row || !inScope(scope, row.department_id)) throw notFound("employee");
}

export async function assertDepartmentVisible(db: D1Database, scope: Scope, departmentId: string): Promise<void> {
  const row = await db.prepare("SELECT id FROM departments WHERE id = ?").bind(departmentId).first<{ id: string }>();
  if (!row || !inScope(scope, row.id)) throw notFound("department");
}

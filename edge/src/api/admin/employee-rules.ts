import type { Employee, Role } from "@clawgate/contracts";
import { forbidden, inScope, isAdmin, positionVisible, type Scope } from "../../auth/scope.ts";
import { findDepartment, findPosition, unknownReference } from "./org-rows.ts";

/**
 * What a manager may do to employees, beyond seeing their subtree: create and change people
 * whose role is `employee`, in departments of their subtree, with positions of their subtree or
 * of the departments above it. Role and tags shape access (tags feed skill rules like roles do),
 * so only admins set them — a manager can never make anyone an admin or a manager. An existing
 * employee's email is how single sign-on recognises them, so only admins change it (else a
 * manager could point it at an address they control and sign in as that person). Employees
 * with the role manager or admin, the manager included, are read-only to them.
 */
export function checkManagerWrite(scope: Scope, change: { role?: Role; tags?: string[]; email?: string }, existing?: Employee): void {
  if (isAdmin(scope)) return;
  if (existing && existing.role !== "employee") throw forbidden("Managers may change only employees whose role is employee.");
  if (change.role !== undefined && change.role !== (existing?.role ?? "employee")) throw forbidden("Only admins may set or change a role.");
  const tags = existing?.tags ?? [];
  if (change.tags !== undefined && (change.tags.length !== tags.length || change.tags.some((t) => !tags.includes(t)))) throw forbidden("Only admins may set or change tags.");
  if (existing && change.email !== undefined && change.email !== existing.email) throw forbidden("Only admins may change an email address: single sign-on recognises people by it.");
}

/** The department and position an employee is placed in must exist and be within the caller's reach. */
export async function checkPlacement(db: D1Database, scope: Scope, placement: { departmentId?: string; positionId?: string }): Promise<void> {
  if (placement.departmentId !== undefined) {
    const department = await findDepartment(db, placement.departmentId);
    if (!department || !inScope(scope, department.id)) throw unknownReference("departmentId", "department");
  }
  if (placement.positionId !== undefined) {
    const position = await findPosition(db, placement.positionId);
    if (!position || !positionVisible(scope, position)) throw unknownReference("positionId", "position");
  }
}

import type { Employee, Position } from "@clawgate/contracts";
import { forbidden, inScope, isAdmin, notFound, positionVisible, type Scope } from "../../auth/scope.ts";
import { findEmployee, findPosition } from "./org-rows.ts";

/**
 * Whose agent settings (SOUL layers, model configuration, routing) a caller may read and change,
 * by the scope rule of auth/scope.ts: out of view is 404, in view but not theirs to change is 403.
 */
export type Access = "read" | "change";

/**
 * A position in view: of the caller's subtree, or (read-only for a manager) of a department above
 * it, whose positions their people may hold. Changing one is for admins and, within their
 * subtree, managers — as for the position itself.
 */
export async function positionTarget(db: D1Database, scope: Scope, id: string, access: Access): Promise<Position> {
  const position = await findPosition(db, id);
  if (!position || !positionVisible(scope, position)) throw notFound("position");
  if (access === "change" && !mayChangePosition(scope, position)) throw forbidden("This position belongs to a department above yours; only admins may change it.");
  return position;
}

/** Whether the caller may change a position in view's agent settings: the rule `positionTarget` enforces, also told to the console. */
export const mayChangePosition = (scope: Scope, position: Position): boolean => inScope(scope, position.departmentId);

/**
 * An employee in view (the caller's subtree). A manager changes the agents of people whose role is
 * employee, and their own; managers' and admins' agents are read-only to them, as their records are.
 */
export async function employeeTarget(db: D1Database, scope: Scope, id: string, access: Access): Promise<Employee> {
  const employee = await findEmployee(db, id);
  if (!employee || !inScope(scope, employee.departmentId)) throw notFound("employee");
  if (access === "change" && !mayChangeEmployee(scope, employee)) {
    throw forbidden("Managers may change only the agents of employees whose role is employee, and their own.");
  }
  return employee;
}

/** Whether the caller may change an employee in view's agent settings: the rule `employeeTarget` enforces, also told to the console. */
export const mayChangeEmployee = (scope: Scope, employee: Employee): boolean => isAdmin(scope) || employee.role === "employee" || employee.id === scope.employeeId;

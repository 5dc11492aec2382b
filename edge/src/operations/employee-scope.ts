import { scopeFilter, type Scope } from "../auth/scope.ts";

/**
 * SQL for "the employee `column` names is in scope", for tables keyed by employee (usage, audit,
 * bindings, requests). Admins see every row, also those of employees deleted since; a manager
 * only rows of employees who are in their subtree now.
 */
export function employeeInScope(scope: Scope, column: string): { sql: string; binds: string[] } {
  if (scope.departments === null) return { sql: "1 = 1", binds: [] };
  const inner = scopeFilter(scope, "department_id");
  return { sql: `${column} IN (SELECT id FROM employees WHERE ${inner.sql})`, binds: inner.binds };
}

import { createMiddleware } from "hono/factory";
import type { Role } from "@clawgate/contracts";
import { ApiFailure, apiError } from "../http/errors.ts";
import type { AppEnv } from "./middleware.ts";
import type { SessionUser } from "./sessions.ts";

/**
 * Who may see and change what — the one rule every API route applies (DESIGN §6):
 *
 * - admin: everything. manager: their own department's subtree (computed over the department
 *   tree on every request). employee: only their own data, through the portal; the admin
 *   namespace answers them 403 before any lookup, so it reveals nothing.
 * - Every list is filtered by scope, and every read, update or delete by id checks scope:
 *   an id outside the caller's scope answers 404, exactly like an id that does not exist, so
 *   scope never leaks existence. References in a request body that point outside the scope
 *   are treated as unknown the same way (400).
 * - Something in the caller's view that their role may not change answers 403.
 */
export interface Scope {
  role: Role;
  employeeId: string;
  /** Departments in scope: null = all (admin); for a manager their department and everything below it. */
  departments: ReadonlySet<string> | null;
  /**
   * Departments above a manager's own: their positions apply to the manager's people (ACME's
   * Account Executive belongs to Sales and is held in Enterprise Sales), so a manager may see
   * and assign them but not change them.
   */
  ancestors: ReadonlySet<string>;
}

/** The admin namespace's gate, after `requireSession`: admins and managers pass; employees get 403. */
export const requireStaff = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("user").role === "employee") return apiError(c, 403, "forbidden", "This needs an admin or a manager.");
  await next();
});

export async function scopeOf(db: D1Database, user: Pick<SessionUser, "employeeId" | "role">): Promise<Scope> {
  const base = { role: user.role, employeeId: user.employeeId, ancestors: new Set<string>() };
  if (user.role === "admin") return { ...base, departments: null };
  if (user.role !== "manager") return { ...base, departments: new Set() };
  // UNION (not UNION ALL) stops at a department already seen, so even a corrupt cycle terminates.
  const rows = await db
    .prepare(
      `WITH RECURSIVE
         own(id) AS (SELECT department_id FROM employees WHERE id = ?1),
         below(id) AS (SELECT id FROM own UNION SELECT d.id FROM departments d JOIN below b ON d.parent_id = b.id),
         above(id) AS (SELECT d.parent_id FROM departments d JOIN own o ON d.id = o.id WHERE d.parent_id IS NOT NULL
                       UNION SELECT d.parent_id FROM departments d JOIN above a ON d.id = a.id WHERE d.parent_id IS NOT NULL)
       SELECT id, 'below' AS side FROM below UNION ALL SELECT id, 'above' AS side FROM above`,
    )
    .bind(user.employeeId)
    .all<{ id: string; side: "below" | "above" }>();
  const pick = (side: string) => new Set(rows.results.filter((r) => r.side === side).map((r) => r.id));
  return { ...base, departments: pick("below"), ancestors: pick("above") };
}

export const isAdmin = (scope: Scope) => scope.departments === null;

export function inScope(scope: Scope, departmentId: string): boolean {
  return scope.departments === null || scope.departments.has(departmentId);
}

/** Positions a manager may see and assign: those of their subtree and of the departments above it. */
export function positionVisible(scope: Scope, position: { departmentId: string }): boolean {
  return inScope(scope, position.departmentId) || scope.ancestors.has(position.departmentId);
}

/** SQL for "`column` is in scope": binds the scope's departments as one JSON array. */
export function scopeFilter(scope: Scope, column: string, options: { withAncestors?: boolean } = {}): { sql: string; binds: string[] } {
  if (scope.departments === null) return { sql: "1 = 1", binds: [] };
  const ids = [...scope.departments, ...(options.withAncestors ? scope.ancestors : [])];
  return { sql: `${column} IN (SELECT value FROM json_each(?))`, binds: [JSON.stringify(ids)] };
}

export function notFound(kind: string): ApiFailure {
  return new ApiFailure(404, "not_found", `No such ${kind}.`);
}

export function forbidden(message: string): ApiFailure {
  return new ApiFailure(403, "forbidden", message);
}

/** Throws 403 unless the caller is an admin. */
export function requireAdmin(scope: Scope, action: string): void {
  if (!isAdmin(scope)) throw forbidden(`Only admins may ${action}.`);
}

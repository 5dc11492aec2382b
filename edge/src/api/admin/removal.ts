import type { DeleteBlockers, DeleteResult } from "@clawgate/contracts";
import { ApiFailure } from "../../http/errors.ts";

/**
 * What deleting a department, position or employee takes with it.
 *
 * Deletes are guarded: while anything depends on the target the answer is 409 with the blockers.
 * `?force=true` (admins only) cascades instead, and cascade means *delete*, not reassign:
 * - a department: its whole subtree, every position in it, and every employee who sits in it or
 *   holds one of its positions;
 * - a position: every employee who holds it.
 * Each deleted employee loses their sessions at once, their personal SOUL/AGENTS layers and
 * their knowledge assignments; a deleted position its layers and knowledge assignments.
 * Their agents' conversation history stays in their EmployeeAgent objects (ids are never reused).
 */
export interface Removal {
  departments: string[];
  positions: string[];
  employees: string[];
}

const json = (ids: string[]) => JSON.stringify(ids);

/** The department and every department below it. */
export async function departmentSubtree(db: D1Database, departmentId: string): Promise<string[]> {
  const rows = await db
    .prepare(
      `WITH RECURSIVE subtree(id) AS (SELECT ?1 UNION SELECT d.id FROM departments d JOIN subtree s ON d.parent_id = s.id)
       SELECT id FROM subtree`,
    )
    .bind(departmentId)
    .all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

export async function departmentRemoval(db: D1Database, departmentId: string): Promise<Removal> {
  const ids = await departmentSubtree(db, departmentId);
  const positions = await db.prepare("SELECT id FROM positions WHERE department_id IN (SELECT value FROM json_each(?)) ORDER BY id").bind(json(ids)).all<{ id: string }>();
  const positionIds = positions.results.map((r) => r.id);
  const employees = await db
    .prepare("SELECT id FROM employees WHERE department_id IN (SELECT value FROM json_each(?1)) OR position_id IN (SELECT value FROM json_each(?2)) ORDER BY id")
    .bind(json(ids), json(positionIds))
    .all<{ id: string }>();
  return { departments: ids, positions: positionIds, employees: employees.results.map((r) => r.id) };
}

export async function positionRemoval(db: D1Database, positionId: string): Promise<Removal> {
  const employees = await db.prepare("SELECT id FROM employees WHERE position_id = ? ORDER BY id").bind(positionId).all<{ id: string }>();
  return { departments: [], positions: [positionId], employees: employees.results.map((r) => r.id) };
}

/** What stands in the way of deleting `target` alone: everything a forced delete would take with it. */
export function blockers(removal: Removal, target: { departments?: string; positions?: string }): DeleteBlockers {
  return {
    employees: removal.employees.length,
    departments: removal.departments.filter((id) => id !== target.departments).length,
    positions: removal.positions.filter((id) => id !== target.positions).length,
  };
}

export const isBlocked = (b: DeleteBlockers) => b.employees + b.departments + b.positions > 0;

export function conflict(message: string, b: DeleteBlockers): ApiFailure {
  return new ApiFailure(409, "conflict", message, { blockers: b });
}

/** Refuses a removal that would leave the organisation without an admin: nobody could manage it any more. */
export async function assertAdminRemains(db: D1Database, removedEmployees: string[]): Promise<void> {
  if (!removedEmployees.length) return;
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM employees WHERE role = 'admin' AND id NOT IN (SELECT value FROM json_each(?))")
    .bind(json(removedEmployees))
    .first<{ n: number }>();
  if (!row?.n) throw new ApiFailure(409, "conflict", "This would remove the last admin; make someone else an admin first.");
}

/** The deletes of a removal, children before parents so no foreign key is left dangling. */
export function removalStatements(db: D1Database, removal: Removal): D1PreparedStatement[] {
  const employees = json(removal.employees);
  const positions = json(removal.positions);
  const inList = "IN (SELECT value FROM json_each(?))";
  return [
    // Deleting the rows ends the sessions at once: a session is only honoured while its row exists.
    db.prepare(`DELETE FROM auth_sessions WHERE employee_id ${inList}`).bind(employees),
    db.prepare(`DELETE FROM soul_layers WHERE scope = 'personal' AND scope_id ${inList}`).bind(employees),
    db.prepare(`DELETE FROM soul_layers WHERE scope = 'position' AND scope_id ${inList}`).bind(positions),
    db.prepare(`DELETE FROM kb_assignments WHERE scope = 'employee' AND scope_id ${inList}`).bind(employees),
    db.prepare(`DELETE FROM kb_assignments WHERE scope = 'position' AND scope_id ${inList}`).bind(positions),
    db.prepare(`DELETE FROM employees WHERE id ${inList}`).bind(employees),
    db.prepare(`DELETE FROM positions WHERE id ${inList}`).bind(positions),
    db.prepare(`DELETE FROM departments WHERE id ${inList}`).bind(json(removal.departments)),
  ];
}

export const deleteResult = (removal: Removal): DeleteResult => ({ deleted: removal });

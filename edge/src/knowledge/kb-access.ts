import type { CreateKbAssignment } from "@clawgate/contracts";
import { forbidden, inScope, isAdmin, notFound, positionVisible, requireAdmin, type Scope } from "../auth/scope.ts";
import { findEmployee, findPosition, unknownReference } from "../api/admin/org-rows.ts";
import { findKnowledgeBase, type KbRow, type StoredAssignment } from "./kb-rows.ts";

/**
 * Who may read and assign which knowledge base, on top of the scope rule of auth/scope.ts:
 *
 * - Reading: an employee reads exactly the knowledge bases assigned to them — to everyone, to
 *   their position, or to them by name — the same selection their agent's plan carries. The
 *   portal applies this to every caller, admins included; anything else answers 404.
 * - Admins see, create, change and delete every knowledge base, upload and delete documents, and
 *   assign to everyone, any position or any employee.
 * - A manager sees the knowledge bases they hold themselves and may pass those on: assign them to
 *   positions of their department subtree and to employees in it, and remove such assignments.
 *   They never create, change or delete knowledge bases or documents, and never assign to
 *   everyone. So a manager can share what they may read but never widen access to anything
 *   else — not even for themselves (a sales manager cannot give his team the finance reports).
 *   Positions of the departments above theirs are in view but reach people outside their
 *   subtree: 403.
 */

/** Ids of the knowledge bases assigned to the employee, the selection of control-plane.ts `assignedKnowledge`. */
export async function readableKbIds(db: D1Database, employeeId: string): Promise<string[]> {
  const rows = await db
    .prepare(
      `SELECT DISTINCT a.kb_id FROM kb_assignments a JOIN employees e ON e.id = ?1
        WHERE a.scope = 'everyone' OR (a.scope = 'position' AND a.scope_id = e.position_id) OR (a.scope = 'employee' AND a.scope_id = e.id)
        ORDER BY a.kb_id`,
    )
    .bind(employeeId)
    .all<{ kb_id: string }>();
  return rows.results.map((r) => r.kb_id);
}

/** A knowledge base an employee may read, else 404 (missing and unassigned read the same). */
export async function readableKnowledgeBase(db: D1Database, employeeId: string, id: string): Promise<KbRow> {
  const kb = await findKnowledgeBase(db, id);
  if (!kb || !(await readableKbIds(db, employeeId)).includes(kb.id)) throw notFound("knowledge base");
  return kb;
}

/** Knowledge bases in the admin namespace's view: all for admins, the ones they hold for managers. */
export async function visibleKbIds(db: D1Database, scope: Scope): Promise<string[] | null> {
  return isAdmin(scope) ? null : readableKbIds(db, scope.employeeId);
}

export async function visibleKnowledgeBase(db: D1Database, scope: Scope, id: string): Promise<KbRow> {
  if (!isAdmin(scope)) return readableKnowledgeBase(db, scope.employeeId, id);
  const kb = await findKnowledgeBase(db, id);
  if (!kb) throw notFound("knowledge base");
  return kb;
}

/** Assignments a caller may see: a manager sees those to everyone and to targets in their view. */
export const assignmentVisible = (scope: Scope) => (a: StoredAssignment) => {
  if (isAdmin(scope) || a.scope === "everyone") return true;
  if (a.departmentId === null) return false;
  return a.scope === "position" ? positionVisible(scope, { departmentId: a.departmentId }) : inScope(scope, a.departmentId);
};

/**
 * Checks a new assignment's target and returns its name. A target that does not exist, or lies
 * outside a manager's view, is an unknown reference (400); one in view but beyond their reach, 403.
 */
export async function assignableTarget(db: D1Database, scope: Scope, target: CreateKbAssignment): Promise<string | null> {
  if (target.scope === "everyone") {
    requireAdmin(scope, "assign a knowledge base to everyone");
    return null;
  }
  if (target.scope === "position") {
    const position = await findPosition(db, target.targetId);
    if (!position || !positionVisible(scope, position)) throw unknownReference("targetId", "position");
    if (!inScope(scope, position.departmentId)) throw beyondReach();
    return position.name;
  }
  const employee = await findEmployee(db, target.targetId);
  if (!employee || !inScope(scope, employee.departmentId)) throw unknownReference("targetId", "employee");
  return employee.name;
}

/** An existing assignment the caller may remove: 404 outside their view, 403 in view but beyond their reach. */
export function checkRemovable(scope: Scope, assignment: StoredAssignment): void {
  if (isAdmin(scope)) return;
  if (!assignmentVisible(scope)(assignment)) throw notFound("assignment");
  if (assignment.scope === "everyone") throw forbidden("Only admins may change what everyone is assigned.");
  if (assignment.scope === "position" && !inScope(scope, assignment.departmentId ?? "")) throw beyondReach();
}

const beyondReach = () => forbidden("This position belongs to a department above yours and reaches people outside it; only admins assign its knowledge.");

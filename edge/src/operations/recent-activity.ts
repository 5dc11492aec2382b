import { auditCategoryOf, type ActivityEntry } from "@clawgate/contracts";
import type { Scope } from "../auth/scope.ts";
import { employeeInScope } from "./employee-scope.ts";

interface ActivityRow {
  id: string;
  at: string;
  type: string;
  actor: string;
  employee_id: string | null;
  actor_name: string | null;
  employee_name: string | null;
}

/**
 * The latest audit events in scope (a manager: events about their subtree's employees, as in the
 * audit API), with names resolved. The detail is left out: the dashboard says who did what, when.
 */
export async function recentActivity(db: D1Database, scope: Scope, limit: number): Promise<ActivityEntry[]> {
  const owner = employeeInScope(scope, "a.employee_id");
  const { results } = await db
    .prepare(
      `SELECT a.id, a.at, a.type, a.actor, a.employee_id, actor.name AS actor_name, e.name AS employee_name
         FROM audit_events a
         LEFT JOIN employees actor ON actor.id = a.actor
         LEFT JOIN employees e ON e.id = a.employee_id
        WHERE ${owner.sql}
        ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    )
    .bind(...owner.binds, limit)
    .all<ActivityRow>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    type: r.type,
    category: auditCategoryOf(r.type),
    actor: r.actor,
    actorName: r.actor_name,
    employeeId: r.employee_id,
    employeeName: r.employee_name,
  }));
}

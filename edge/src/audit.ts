import { ulid } from "ulid";

/** One audit event (metadata only, never conversation content), to batch with the change it records. */
export function auditStatement(db: D1Database, type: string, actor: string, employeeId: string | null, detail: Record<string, unknown> = {}) {
  return db
    .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(ulid(), new Date().toISOString(), type, actor, employeeId, JSON.stringify(detail));
}

/** Appends one audit event (metadata only, never conversation content). */
export function audit(db: D1Database, type: string, actor: string, employeeId: string | null, detail: Record<string, unknown> = {}) {
  return auditStatement(db, type, actor, employeeId, detail).run();
}

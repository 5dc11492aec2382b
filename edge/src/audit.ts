import { ulid } from "ulid";
import { auditDetailJson, type AuditEventType } from "@clawgate/contracts";

/**
 * One audit event, to batch with the change it records. Types come from the one list in
 * contracts/src/governance.ts; the detail is metadata only — a content key or an oversized detail
 * throws (AuditContentError) before anything is written.
 */
export function auditStatement(db: D1Database, type: AuditEventType, actor: string, employeeId: string | null, detail: Record<string, unknown> = {}) {
  return db
    .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(ulid(), new Date().toISOString(), type, actor, employeeId, auditDetailJson(detail));
}

/** Appends one audit event (metadata only, never conversation content). */
export function audit(db: D1Database, type: AuditEventType, actor: string, employeeId: string | null, detail: Record<string, unknown> = {}) {
  return auditStatement(db, type, actor, employeeId, detail).run();
}

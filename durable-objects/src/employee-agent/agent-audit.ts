import { auditDetailJson, type AuditEventType } from "@clawgate/contracts";
import { ulid } from "ulid";

/** An audit event about one employee's agent; `actor` is the employee for their own changes. */
export function agentAudit(db: D1Database, type: AuditEventType, input: { actor: string; employeeId: string; detail: Record<string, unknown> }): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(ulid(), new Date().toISOString(), type, input.actor, input.employeeId, auditDetailJson(input.detail));
}

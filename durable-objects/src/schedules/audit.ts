import { auditDetailJson, type AuditEventType } from "@clawgate/contracts";
import { ulid } from "ulid";

/** A `schedule.*` audit event; `actor` is the employee for the agent's own changes and runs. */
export function scheduleAudit(db: D1Database, type: AuditEventType, input: { actor: string; employeeId: string; scheduleId: string; detail?: Record<string, unknown> }): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(ulid(), new Date().toISOString(), type, input.actor, input.employeeId, auditDetailJson({ scheduleId: input.scheduleId, ...input.detail }));
}

import type { AuditEventType } from "@clawgate/contracts";
import { agentAudit } from "../employee-agent/agent-audit.ts";

/** A `schedule.*` audit event; `actor` is the employee for the agent's own changes and runs. */
export function scheduleAudit(db: D1Database, type: AuditEventType, input: { actor: string; employeeId: string; scheduleId: string; detail?: Record<string, unknown> }): D1PreparedStatement {
  return agentAudit(db, type, { actor: input.actor, employeeId: input.employeeId, detail: { scheduleId: input.scheduleId, ...input.detail } });
}

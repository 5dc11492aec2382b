import { auditDetailJson, type AuditEventType } from "@clawgate/contracts";
import { monotonicFactory } from "ulid";

const ulid = monotonicFactory();

/**
 * The audit events of a turn's checks, gathered as the checks run and written in one batch.
 * Every event names the turn; details are metadata only (auditDetailJson refuses content keys).
 */
export class TurnAudit {
  readonly #db: D1Database;
  readonly #employeeId: string;
  readonly #turnId: string;
  #statements: D1PreparedStatement[] = [];

  constructor(db: D1Database, employeeId: string, turnId: string) {
    this.#db = db;
    this.#employeeId = employeeId;
    this.#turnId = turnId;
  }

  add(type: AuditEventType, detail: Record<string, unknown>): void {
    this.#statements.push(
      this.#db
        .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(ulid(), new Date().toISOString(), type, this.#employeeId, this.#employeeId, auditDetailJson({ turnId: this.#turnId, ...detail })),
    );
  }

  async flush(): Promise<void> {
    const statements = this.#statements;
    this.#statements = [];
    if (statements.length) await this.#db.batch(statements);
  }
}

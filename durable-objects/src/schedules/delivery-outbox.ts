/** A scheduled run's reply waiting to reach the employee's paired channel. */
export type OutboxItem = {
  turnId: string;
  scheduleId: string | null;
  title: string;
  text: string;
  /** Delivery attempts made so far. */
  attempts: number;
  createdAt: string;
};

type OutboxRow = { turn_id: string; schedule_id: string | null; title: string; text: string; attempts: number; next_attempt_ms: number; last_error: string | null; created_at: string };

/**
 * Replies of scheduled runs not yet delivered, in the EmployeeAgent's SQLite (table from
 * employee-agent/schema.ts). An item is written in the same transaction that marks its turn done,
 * so an object evicted before the send still finds it and delivers on its next alarm.
 */
export class DeliveryOutbox {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** One item per turn: a run marked done twice still delivers once. */
  add(item: Omit<OutboxItem, "attempts">, dueMs: number): void {
    this.#sql.exec(
      "INSERT INTO delivery_outbox (turn_id, schedule_id, title, text, attempts, next_attempt_ms, created_at) VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT(turn_id) DO NOTHING",
      item.turnId,
      item.scheduleId,
      item.title,
      item.text,
      dueMs,
      item.createdAt,
    );
  }

  /** Items whose next attempt has come, oldest first. */
  due(now: number): OutboxItem[] {
    return this.#sql
      .exec<OutboxRow>("SELECT * FROM delivery_outbox WHERE next_attempt_ms <= ? ORDER BY created_at, turn_id", now)
      .toArray()
      .map((r) => ({ turnId: r.turn_id, scheduleId: r.schedule_id, title: r.title, text: r.text, attempts: r.attempts, createdAt: r.created_at }));
  }

  retryAt(turnId: string, attempts: number, nextAttemptMs: number, error: string): void {
    this.#sql.exec("UPDATE delivery_outbox SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE turn_id = ?", attempts, nextAttemptMs, error, turnId);
  }

  remove(turnId: string): void {
    this.#sql.exec("DELETE FROM delivery_outbox WHERE turn_id = ?", turnId);
  }

  /** When the next attempt is due, for the object's single alarm. */
  earliest(): number | null {
    return this.#sql.exec<{ due: number | null }>("SELECT MIN(next_attempt_ms) AS due FROM delivery_outbox").one().due;
  }
}

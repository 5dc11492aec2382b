import type { InboxItem } from "@clawgate/contracts";

type InboxRow = { id: string; schedule_id: string | null; turn_id: string; title: string; text: string; created_at: string; read_at: string | null; delivery_error: string | null };

/** The employee's portal notification inbox: replies of scheduled runs, newest first. */
export class InboxStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** One item per turn: a retried delivery of the same run does not notify twice. */
  add(item: { id: string; scheduleId: string | null; turnId: string; title: string; text: string; at: string; deliveryError?: string | null }): void {
    this.#sql.exec(
      "INSERT INTO inbox (id, schedule_id, turn_id, title, text, created_at, delivery_error) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(turn_id) DO NOTHING",
      item.id,
      item.scheduleId,
      item.turnId,
      item.title,
      item.text,
      item.at,
      item.deliveryError ?? null,
    );
  }

  list(limit: number): { items: InboxItem[]; unread: number } {
    const rows = this.#sql.exec<InboxRow>("SELECT * FROM inbox ORDER BY created_at DESC, id DESC LIMIT ?", limit).toArray();
    const unread = this.#sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM inbox WHERE read_at IS NULL").one().n;
    return {
      items: rows.map((r) => ({ id: r.id, scheduleId: r.schedule_id, turnId: r.turn_id, title: r.title, text: r.text, createdAt: r.created_at, readAt: r.read_at, deliveryError: r.delivery_error })),
      unread,
    };
  }

  markRead(id: string, at: string): boolean {
    return this.#sql.exec("UPDATE inbox SET read_at = COALESCE(read_at, ?) WHERE id = ?", at, id).rowsWritten > 0;
  }
}

import type { InlineButton } from "../channels/outbound.ts";

export interface Binding {
  binding_id: string;
  employee_id: string;
  paired_at: string;
}

export interface PendingClaim {
  code: string;
  employee_id: string;
}

export interface OutboxRow {
  seq: number;
  chat_id: string;
  kind: "text" | "turn";
  text: string;
  buttons: string;
  callback_id: string | null;
  employee_id: string | null;
  source_message_id: string | null;
  attempts: number;
  next_at: number;
}

// Platforms retry a webhook for at most a day; an event id older than this cannot come back.
const SEEN_KEEP_MS = 3 * 24 * 60 * 60 * 1000;

/** The SQLite storage of one ChannelIdentity: its binding, the event ids it has seen, a pending claim and the outbox. */
export class IdentityStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS binding (one INTEGER PRIMARY KEY CHECK (one = 1), binding_id TEXT NOT NULL, employee_id TEXT NOT NULL, paired_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS seen (event_id TEXT PRIMARY KEY, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS rate (one INTEGER PRIMARY KEY CHECK (one = 1), window_start INTEGER NOT NULL, count INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS pending_claim (one INTEGER PRIMARY KEY CHECK (one = 1), code TEXT NOT NULL, employee_id TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, chat_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        buttons TEXT NOT NULL DEFAULT '[]', callback_id TEXT, employee_id TEXT, source_message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL);
    `);
  }

  meta(key: string): string | undefined {
    return this.#sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
  }

  setMeta(key: string, value: string): void {
    this.#sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
  }

  /** False if the event was seen before: the platform is retrying it. */
  firstSighting(eventId: string): boolean {
    const now = Date.now();
    this.#sql.exec("DELETE FROM seen WHERE at < ?", now - SEEN_KEEP_MS);
    return this.#sql.exec("INSERT INTO seen (event_id, at) VALUES (?, ?) ON CONFLICT(event_id) DO NOTHING RETURNING event_id", eventId, now).toArray().length === 1;
  }

  /** Counts one message in the window starting at `windowStart`; how many this window has seen, this one included. */
  countMessage(windowStart: number): number {
    return this.#sql
      .exec<{ count: number }>(
        `INSERT INTO rate (one, window_start, count) VALUES (1, ?, 1)
         ON CONFLICT(one) DO UPDATE SET count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END, window_start = excluded.window_start
         RETURNING count`,
        windowStart,
      )
      .one().count;
  }

  binding(): Binding | undefined {
    return this.#sql.exec<Binding & Record<string, string>>("SELECT binding_id, employee_id, paired_at FROM binding").toArray()[0];
  }

  bind(binding: Binding): void {
    this.#sql.exec("INSERT OR REPLACE INTO binding (one, binding_id, employee_id, paired_at) VALUES (1, ?, ?, ?)", binding.binding_id, binding.employee_id, binding.paired_at);
  }

  unbind(bindingId: string): boolean {
    return this.#sql.exec("DELETE FROM binding WHERE binding_id = ? RETURNING one", bindingId).toArray().length === 1;
  }

  pendingClaim(): PendingClaim | undefined {
    return this.#sql.exec<PendingClaim & Record<string, string>>("SELECT code, employee_id FROM pending_claim").toArray()[0];
  }

  setPendingClaim(claim: PendingClaim | null): void {
    this.#sql.exec("DELETE FROM pending_claim");
    if (claim) this.#sql.exec("INSERT INTO pending_claim (one, code, employee_id) VALUES (1, ?, ?)", claim.code, claim.employee_id);
  }

  queueText(chatId: string, text: string, options: { buttons?: InlineButton[]; callbackId?: string } = {}): void {
    this.#sql.exec(
      "INSERT INTO outbox (chat_id, kind, text, buttons, callback_id, next_at) VALUES (?, 'text', ?, ?, ?, ?)",
      chatId,
      text,
      JSON.stringify(options.buttons ?? []),
      options.callbackId ?? null,
      Date.now(),
    );
  }

  queueTurn(chatId: string, employeeId: string, sourceMessageId: string, message: string): void {
    this.#sql.exec(
      "INSERT INTO outbox (chat_id, kind, text, employee_id, source_message_id, next_at) VALUES (?, 'turn', ?, ?, ?, ?)",
      chatId,
      message,
      employeeId,
      sourceMessageId,
      Date.now(),
    );
  }

  /** The oldest entry: delivered in order, so a retrying one holds back the rest. */
  nextOutbox(): OutboxRow | undefined {
    return this.#sql.exec<OutboxRow & Record<string, SqlStorageValue>>("SELECT * FROM outbox ORDER BY seq LIMIT 1").toArray()[0];
  }

  delivered(seq: number): void {
    this.#sql.exec("DELETE FROM outbox WHERE seq = ?", seq);
  }

  postpone(seq: number, nextAt: number): void {
    this.#sql.exec("UPDATE outbox SET attempts = attempts + 1, next_at = ? WHERE seq = ?", nextAt, seq);
  }
}

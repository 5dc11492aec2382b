import type { InlineButton } from "../channels/outbound.ts";
import type { InboundEvent } from "./inbound.ts";

export interface Binding {
  binding_id: string;
  employee_id: string;
  paired_at: string;
}

export interface PendingClaim {
  code: string;
  employee_id: string;
}

/**
 * What an outbox entry is: an event recorded at the ack and routed afterwards ("inbound", its
 * JSON in `text`), the one slow-down notice of a flood window ("rate_limited"), an agent turn, a
 * text of ours, or an agent's reply to send (a finished turn).
 */
export type OutboxKind = "inbound" | "rate_limited" | "turn" | "text" | "reply";

/** What routing an event leads to: a text to send, or a turn for the paired employee's agent. */
export type Outgoing =
  | { kind: "text"; text: string; buttons?: InlineButton[]; callbackId?: string }
  | { kind: "turn"; employeeId: string; sourceMessageId: string; message: string };

export interface OutboxRow {
  seq: number;
  chat_id: string;
  kind: OutboxKind;
  text: string;
  buttons: string;
  callback_id: string | null;
  employee_id: string | null;
  source_message_id: string | null;
  attempts: number;
  next_at: number;
  /** Pieces of the text already sent. */
  sent_chunks: number;
  /** 1 while piece `sent_chunks` is being sent; still 1 after a restart if a crash cut the send off. */
  sending: number;
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
    // Objects created before per-piece send progress was kept.
    const columns = sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('outbox')").toArray().map((c) => c.name);
    if (!columns.includes("sent_chunks")) sql.exec("ALTER TABLE outbox ADD COLUMN sent_chunks INTEGER NOT NULL DEFAULT 0");
    if (!columns.includes("sending")) sql.exec("ALTER TABLE outbox ADD COLUMN sending INTEGER NOT NULL DEFAULT 0");
  }

  meta(key: string): string | undefined {
    return this.#sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
  }

  setMeta(key: string, value: string): void {
    this.#sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
  }

  /** False if the event was seen before: the platform is retrying it. */
  firstSighting(eventId: string, now: number): boolean {
    return this.#sql.exec("INSERT INTO seen (event_id, at) VALUES (?, ?) ON CONFLICT(event_id) DO NOTHING RETURNING event_id", eventId, now).toArray().length === 1;
  }

  /** Off the ack path: run when the outbox has drained. */
  forgetOldEvents(now: number): void {
    this.#sql.exec("DELETE FROM seen WHERE at < ?", now - SEEN_KEEP_MS);
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

  /** Recorded before the ack; routed (pairing dialogue, turn or instructions) when the outbox drains. */
  queueInbound(event: InboundEvent, kind: "inbound" | "rate_limited" = "inbound"): void {
    const callbackId = event.kind === "button" ? (event.callbackId ?? null) : null;
    this.#sql.exec("INSERT INTO outbox (chat_id, kind, text, callback_id, next_at) VALUES (?, ?, ?, ?, ?)", event.chatId, kind, JSON.stringify(event), callbackId, Date.now());
  }

  queueOutgoing(chatId: string, outgoing: Outgoing): void {
    if (outgoing.kind === "turn") this.queueTurn(chatId, outgoing.employeeId, outgoing.sourceMessageId, outgoing.message);
    else this.queueText(chatId, outgoing.text, outgoing);
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

  /** A finished turn becomes the text it answers with, so sending it never runs the turn again. */
  becomeText(seq: number, kind: "reply" | "text", text: string): void {
    this.#sql.exec("UPDATE outbox SET kind = ?, text = ?, sent_chunks = 0, sending = 0 WHERE seq = ?", kind, text, seq);
  }

  /** Recorded (and made durable by the caller) before the platform sees piece `chunk`. */
  sendingChunk(seq: number, chunk: number): void {
    this.#sql.exec("UPDATE outbox SET sent_chunks = ?, sending = 1 WHERE seq = ?", chunk, seq);
  }

  chunkSent(seq: number, chunk: number): void {
    this.#sql.exec("UPDATE outbox SET sent_chunks = ?, sending = 0 WHERE seq = ?", chunk + 1, seq);
  }

  /** The platform answered with a failure: nothing was shown, the piece may be sent again. */
  chunkFailed(seq: number): void {
    this.#sql.exec("UPDATE outbox SET sending = 0 WHERE seq = ?", seq);
  }

  delivered(seq: number): void {
    this.#sql.exec("DELETE FROM outbox WHERE seq = ?", seq);
  }

  postpone(seq: number, nextAt: number): void {
    this.#sql.exec("UPDATE outbox SET attempts = attempts + 1, next_at = ? WHERE seq = ?", nextAt, seq);
  }
}

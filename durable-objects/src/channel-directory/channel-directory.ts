import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { newPairingCode } from "./pairing-code.ts";

export const CODE_TTL_MS = 15 * 60 * 1000;
/** After an account presents a code, how long it has to confirm. */
export const CONFIRM_WINDOW_MS = 10 * 60 * 1000;
// Spent and cancelled codes are kept this long so a late attempt gets the precise reason.
const KEEP_MS = 24 * 60 * 60 * 1000;

export type PairingRefusal = "unknown" | "expired" | "used" | "cancelled" | "claimed_by_another_account" | "wrong_account" | "confirmation_expired";
export type PairingStep = { ok: true; employeeId: string } | { ok: false; reason: PairingRefusal };

export interface PendingPairing {
  state: "awaiting_code" | "awaiting_confirmation";
  expiresAt: string;
}

type CodeRow = Record<string, SqlStorageValue> & {
  code: string;
  employee_id: string;
  expires_at: number;
  claimed_by: string | null;
  claimed_at: number | null;
  redeemed_at: number | null;
  cancelled_at: number | null;
};

/**
 * One per IM channel: the pairing codes employees show in the portal and present from the IM
 * platform. One object serialises every step, so a code is redeemed at most once.
 */
export class ChannelDirectory extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS codes (
        code TEXT PRIMARY KEY, employee_id TEXT NOT NULL, expires_at INTEGER NOT NULL,
        claimed_by TEXT, claimed_at INTEGER, redeemed_at INTEGER, cancelled_at INTEGER)`,
    );
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS codes_employee ON codes(employee_id)");
  }

  /** A fresh code for the employee; their earlier unspent codes stop working. */
  async issueCode(employeeId: string): Promise<{ code: string; expiresAt: string }> {
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    sql.exec("DELETE FROM codes WHERE expires_at < ?", now - KEEP_MS);
    sql.exec("UPDATE codes SET cancelled_at = ? WHERE employee_id = ? AND redeemed_at IS NULL AND cancelled_at IS NULL", now, employeeId);
    const code = newPairingCode();
    sql.exec("INSERT INTO codes (code, employee_id, expires_at) VALUES (?, ?, ?)", code, employeeId, now + CODE_TTL_MS);
    return { code, expiresAt: new Date(now + CODE_TTL_MS).toISOString() };
  }

  /** An IM account presents a code: it is reserved for that account, pending confirmation. */
  async claim(code: string, account: string): Promise<PairingStep> {
    const row = this.#row(code);
    const refusal = row ? liveRefusal(row) : "unknown";
    if (refusal) return { ok: false, reason: refusal };
    if (row!.claimed_by && row!.claimed_by !== account) return { ok: false, reason: "claimed_by_another_account" };
    this.ctx.storage.sql.exec("UPDATE codes SET claimed_by = ?, claimed_at = ? WHERE code = ?", account, Date.now(), code);
    return { ok: true, employeeId: row!.employee_id };
  }

  /** Whose live code this is, without reserving it (an account that is already paired only gets told). */
  async peek(code: string): Promise<PairingStep> {
    const row = this.#row(code);
    const refusal = row ? liveRefusal(row) : "unknown";
    return refusal ? { ok: false, reason: refusal } : { ok: true, employeeId: row!.employee_id };
  }

  /** The account that claimed the code confirms within the window: the code is spent, once. */
  async confirm(code: string, account: string): Promise<PairingStep> {
    const row = this.#row(code);
    if (!row) return { ok: false, reason: "unknown" };
    if (row.redeemed_at) return { ok: false, reason: "used" };
    if (row.cancelled_at) return { ok: false, reason: "cancelled" };
    if (row.claimed_by !== account) return { ok: false, reason: "wrong_account" };
    if (Date.now() - row.claimed_at! > CONFIRM_WINDOW_MS) return { ok: false, reason: "confirmation_expired" };
    this.ctx.storage.sql.exec("UPDATE codes SET redeemed_at = ? WHERE code = ?", Date.now(), code);
    return { ok: true, employeeId: row.employee_id };
  }

  /** The employee's live code, if any, for the portal's status (never the code itself). */
  async pending(employeeId: string): Promise<PendingPairing | null> {
    const row = this.ctx.storage.sql
      .exec<Pick<CodeRow, "expires_at" | "claimed_at">>(
        "SELECT expires_at, claimed_at FROM codes WHERE employee_id = ? AND redeemed_at IS NULL AND cancelled_at IS NULL ORDER BY expires_at DESC LIMIT 1",
        employeeId,
      )
      .toArray()[0];
    if (!row) return null;
    const claimed = row.claimed_at !== null && Date.now() - row.claimed_at <= CONFIRM_WINDOW_MS;
    if (claimed) return { state: "awaiting_confirmation", expiresAt: new Date(row.claimed_at! + CONFIRM_WINDOW_MS).toISOString() };
    return row.expires_at >= Date.now() ? { state: "awaiting_code", expiresAt: new Date(row.expires_at).toISOString() } : null;
  }

  #row(code: string): CodeRow | undefined {
    return this.ctx.storage.sql.exec<CodeRow>("SELECT * FROM codes WHERE code = ?", code).toArray()[0];
  }
}

function liveRefusal(row: CodeRow): PairingRefusal | null {
  if (row.redeemed_at) return "used";
  if (row.cancelled_at) return "cancelled";
  if (row.expires_at < Date.now()) return "expired";
  return null;
}

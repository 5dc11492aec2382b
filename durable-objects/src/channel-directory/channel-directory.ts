import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

const CODE_TTL_MS = 10 * 60 * 1000;
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * One per IM channel: pairing codes an employee shows in the portal and redeems from the IM
 * platform. Redemption is atomic and single-use because one object serialises it.
 */
export class ChannelDirectory extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS pairing_codes (code TEXT PRIMARY KEY, employee_id TEXT NOT NULL, expires_at INTEGER NOT NULL, redeemed_by TEXT)",
    );
  }

  /** A fresh code for the employee; earlier unredeemed codes of theirs stop working. */
  async issueCode(employeeId: string): Promise<{ code: string; expiresAt: string }> {
    const sql = this.ctx.storage.sql;
    sql.exec("DELETE FROM pairing_codes WHERE (employee_id = ? AND redeemed_by IS NULL) OR expires_at < ?", employeeId, Date.now());
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    const code = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
    const expiresAt = Date.now() + CODE_TTL_MS;
    sql.exec("INSERT INTO pairing_codes (code, employee_id, expires_at) VALUES (?, ?, ?)", code, employeeId, expiresAt);
    return { code, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Redeems a code once; returns the employee it pairs with, or null if unknown, used or expired. */
  async redeem(code: string, platformUserId: string): Promise<string | null> {
    const row = this.ctx.storage.sql
      .exec<{ employee_id: string; expires_at: number; redeemed_by: string | null }>("SELECT employee_id, expires_at, redeemed_by FROM pairing_codes WHERE code = ?", code.toUpperCase())
      .toArray()[0];
    if (!row || row.redeemed_by || row.expires_at < Date.now()) return null;
    this.ctx.storage.sql.exec("UPDATE pairing_codes SET redeemed_by = ? WHERE code = ?", platformUserId, code.toUpperCase());
    return row.employee_id;
  }
}

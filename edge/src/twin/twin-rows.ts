import type { TwinStatus } from "@clawgate/contracts";
import { TWINS_ALLOWED_SQL } from "../operations/org-settings.ts";
import { twinTokenHash } from "./token.ts";

/**
 * The `twins` table (migration 0010). Every public request looks its token's hash up here, with no
 * cache in between, so switching the twin off or regenerating the link takes effect at once.
 */
interface TwinRow {
  employee_id: string;
  token_sha256: string | null;
  enabled_at: string | null;
  views: number;
  chats: number;
}

export interface LiveTwin {
  employeeId: string;
  employeeName: string;
  /** The token's hash: the twin's identity in rate-limit buckets and visitor session keys. */
  tokenHash: string;
}

/** The employee's twin as stored, and whether the organisation allows twins (read in the same query, also when the employee has no twin row). */
export async function twinStatus(db: D1Database, employeeId: string): Promise<TwinStatus> {
  const row = await db
    .prepare(`SELECT t.*, ${TWINS_ALLOWED_SQL} AS allowed FROM (SELECT ? AS id) AS me LEFT JOIN twins t ON t.employee_id = me.id`)
    .bind(employeeId)
    .first<Partial<TwinRow> & { allowed: number }>();
  return { enabled: Boolean(row?.token_sha256), allowed: Boolean(row?.allowed), enabledAt: row?.enabled_at ?? null, views: row?.views ?? 0, chats: row?.chats ?? 0 };
}

/** Points the twin at a new token hash (switching it on, or regenerating); the old token stops working. */
export function setTokenStatement(db: D1Database, employeeId: string, tokenHash: string, at: string) {
  return db
    .prepare(
      `INSERT INTO twins (employee_id, token_sha256, enabled_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (employee_id) DO UPDATE SET token_sha256 = ?2, enabled_at = ?3`,
    )
    .bind(employeeId, tokenHash, at);
}

export function disableStatement(db: D1Database, employeeId: string) {
  return db.prepare("UPDATE twins SET token_sha256 = NULL, enabled_at = NULL WHERE employee_id = ?").bind(employeeId);
}

/** The live twin a token opens, or null (unknown, switched off here or org-wide, regenerated, or the employee is gone). */
export async function liveTwin(db: D1Database, token: string): Promise<LiveTwin | null> {
  const tokenHash = await twinTokenHash(token);
  const row = await db
    .prepare(`SELECT t.employee_id, e.name FROM twins t JOIN employees e ON e.id = t.employee_id WHERE t.token_sha256 = ? AND ${TWINS_ALLOWED_SQL}`)
    .bind(tokenHash)
    .first<{ employee_id: string; name: string }>();
  return row ? { employeeId: row.employee_id, employeeName: row.name, tokenHash } : null;
}

export async function countView(db: D1Database, employeeId: string): Promise<void> {
  await db.prepare("UPDATE twins SET views = views + 1 WHERE employee_id = ?").bind(employeeId).run();
}

export async function countChat(db: D1Database, employeeId: string): Promise<void> {
  await db.prepare("UPDATE twins SET chats = chats + 1 WHERE employee_id = ?").bind(employeeId).run();
}

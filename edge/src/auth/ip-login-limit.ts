import type { Context } from "hono";

/**
 * Per-IP limit on failed sign-ins, across all accounts (password spraying): 20 failures within a
 * fixed 15-minute window block sign-in from that IP until the window ends. Only failures count,
 * so a whole office behind one NAT address can still sign in on a Monday morning.
 */
export const IP_MAX_FAILURES = 20;
export const IP_WINDOW_MS = 15 * 60 * 1000;
const KEEP_MS = 24 * 60 * 60 * 1000;

/** Cloudflare sets CF-Connecting-IP on every request and overwrites any value a client sends. */
export const clientIp = (c: Context) => c.req.header("cf-connecting-ip") ?? "unknown";

function windowOf(now: number) {
  const start = now - (now % IP_WINDOW_MS);
  return { start: new Date(start).toISOString(), end: start + IP_WINDOW_MS };
}

/** Seconds until the IP may try again, or 0 when it is not blocked. */
export async function ipRetryAfterSeconds(db: D1Database, ip: string, now = Date.now()): Promise<number> {
  const window = windowOf(now);
  const row = await db.prepare("SELECT failures FROM login_failures_by_ip WHERE ip = ? AND window_start = ?").bind(ip, window.start).first<{ failures: number }>();
  return row && row.failures >= IP_MAX_FAILURES ? Math.ceil((window.end - now) / 1000) : 0;
}

export async function recordIpFailure(db: D1Database, ip: string, now = Date.now()): Promise<void> {
  await db.batch([
    db
      .prepare("INSERT INTO login_failures_by_ip (ip, window_start, failures) VALUES (?, ?, 1) ON CONFLICT (ip, window_start) DO UPDATE SET failures = failures + 1")
      .bind(ip, windowOf(now).start),
    db.prepare("DELETE FROM login_failures_by_ip WHERE window_start < ?").bind(new Date(now - KEEP_MS).toISOString()),
  ]);
}

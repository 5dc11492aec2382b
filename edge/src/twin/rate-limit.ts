/**
 * Fixed one-minute windows on the public twin chat, counted in D1 (not KV: a limit must hold across
 * isolates at once). A message counts against the visitor (their cookie), their IP address (so
 * dropping the cookie does not help) and the twin as a whole (so many visitors together cannot
 * run up the employee's budget or queue).
 */
export const TWIN_WINDOW_MS = 60_000;
export const TWIN_LIMITS = { visitor: 10, ip: 20, twin: 60 } as const;
const KEEP_MS = 60 * 60 * 1000;

export type TwinBucket = keyof typeof TWIN_LIMITS;

export function twinBuckets(tokenHash: string, visitor: string, ip: string): Record<TwinBucket, string> {
  return { visitor: `visitor:${tokenHash}:${visitor}`, ip: `ip:${tokenHash}:${ip}`, twin: `twin:${tokenHash}` };
}

export function windowStart(now: number): string {
  return new Date(now - (now % TWIN_WINDOW_MS)).toISOString();
}

/** Counts one message in every bucket; the seconds until the window ends when any bucket is over its limit, else 0. */
export async function takeTwinMessage(db: D1Database, buckets: Record<TwinBucket, string>, now = Date.now()): Promise<number> {
  const window = windowStart(now);
  const names = Object.keys(buckets) as TwinBucket[];
  const results = await db.batch<{ hits: number }>([
    ...names.map((name) =>
      db
        .prepare("INSERT INTO twin_rate_hits (bucket, window_start, hits) VALUES (?, ?, 1) ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + 1 RETURNING hits")
        .bind(buckets[name], window),
    ),
    db.prepare("DELETE FROM twin_rate_hits WHERE window_start < ?").bind(new Date(now - KEEP_MS).toISOString()),
  ]);
  const over = names.some((name, i) => (results[i]?.results[0]?.hits ?? 0) > TWIN_LIMITS[name]);
  if (!over) return 0;
  return Math.max(1, Math.ceil((Date.parse(window) + TWIN_WINDOW_MS - now) / 1000));
}

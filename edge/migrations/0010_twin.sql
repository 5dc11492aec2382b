-- Digital twins (issue 7). One row per employee who ever switched theirs on; the counts survive
-- switching it off. Only the SHA-256 of the link's token is kept: NULL while the twin is off, so
-- the link 404s on the very next request (read from D1 on every request, never cached).
CREATE TABLE twins (
  employee_id TEXT PRIMARY KEY REFERENCES employees(id) ON DELETE CASCADE,
  token_sha256 TEXT UNIQUE,
  enabled_at TEXT,
  views INTEGER NOT NULL DEFAULT 0,
  chats INTEGER NOT NULL DEFAULT 0
);

-- Fixed-window hit counters of the public twin chat (per visitor, per IP, per twin). In D1, not
-- KV, so a limit holds across isolates at once.
CREATE TABLE twin_rate_hits (
  bucket TEXT NOT NULL,
  window_start TEXT NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

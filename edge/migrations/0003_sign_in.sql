-- Sign-in: forced password change, role-bound and revocable sessions, per-IP login limit, OIDC flows.

-- must_change_password (0001) defaults to 1, so every account created through the API starts with
-- a forced change; the demo seed clears it. password_changed_at is NULL until the first change.
ALTER TABLE employees ADD COLUMN password_changed_at TEXT;

-- The role an employee had when the session started: a session whose role no longer matches the
-- employee's current role is refused even if a revoke was missed (fail closed). NULL for sessions
-- older than this migration, which are refused the same way.
ALTER TABLE auth_sessions ADD COLUMN role TEXT;
-- 'password' or 'sso': a forced password change restricts password sessions only.
ALTER TABLE auth_sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';

-- Failed sign-ins per client IP in fixed windows; rows older than a day are pruned on write.
CREATE TABLE login_failures_by_ip (
  ip TEXT NOT NULL,
  window_start TEXT NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (ip, window_start)
);
CREATE INDEX login_failures_by_ip_window ON login_failures_by_ip(window_start);

-- OIDC authorization requests in flight: state → nonce, PKCE verifier and where to land. Single use.
CREATE TABLE oidc_flows (
  state TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  redirect_to TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX oidc_flows_expires ON oidc_flows(expires_at);

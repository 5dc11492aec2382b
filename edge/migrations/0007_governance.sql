-- Governance: an append-only audit trail, editable model prices, usage priced at write time, budgets.

-- The audit trail is append-only at the database itself, not only by having no route that edits it.
-- (A retention job, if one is ever added, would drop and re-create these triggers around its delete.)
CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;

-- Keyset pagination over (at, id), newest first, for the audit list and export; it also serves
-- every query the (at) index did, so that one goes.
CREATE INDEX audit_at_id ON audit_events(at, id);
DROP INDEX audit_at;

-- Usage rows are billing records: never rewritten either.
CREATE TRIGGER usage_append_only_update BEFORE UPDATE ON usage
BEGIN
  SELECT RAISE(ABORT, 'usage is append-only');
END;
CREATE TRIGGER usage_append_only_delete BEFORE DELETE ON usage
BEGIN
  SELECT RAISE(ABORT, 'usage is append-only');
END;

-- Model prices in USD per million tokens. `pattern` is a lowercase GLOB over model ids; of the
-- patterns matching a model id, the longest prices it. A model no pattern matches is unpriced
-- (usage.cost_usd NULL, priced 0) — never silently billed as another model.
CREATE TABLE model_prices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  pattern TEXT NOT NULL UNIQUE,
  input_usd_per_mtok REAL NOT NULL CHECK (input_usd_per_mtok >= 0),
  output_usd_per_mtok REAL NOT NULL CHECK (output_usd_per_mtok >= 0),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
-- Public list prices (shared/notes/demo-org.md); admins edit them through /api/admin/pricing.
INSERT INTO model_prices (id, name, pattern, input_usd_per_mtok, output_usd_per_mtok, updated_at, updated_by) VALUES
  ('clawgate-offline', 'ClawGate offline model', 'clawgate-offline', 0, 0, '2026-01-01T00:00:00.000Z', 'system'),
  ('nova-2-lite', 'Amazon Nova 2 Lite', '*nova-2-lite*', 0.30, 2.50, '2026-01-01T00:00:00.000Z', 'system'),
  ('nova-pro', 'Amazon Nova Pro', '*nova-pro*', 0.80, 3.20, '2026-01-01T00:00:00.000Z', 'system'),
  ('claude-sonnet-4-5', 'Claude Sonnet 4.5', '*claude-sonnet-4[-.]5*', 3.00, 15.00, '2026-01-01T00:00:00.000Z', 'system'),
  ('claude-sonnet-4-6', 'Claude Sonnet 4.6', '*claude-sonnet-4[-.]6*', 3.00, 15.00, '2026-01-01T00:00:00.000Z', 'system'),
  ('claude-opus', 'Claude Opus', '*claude-opus*', 15.00, 75.00, '2026-01-01T00:00:00.000Z', 'system'),
  ('claude-haiku-4-5', 'Claude Haiku 4.5', '*claude-haiku-4[-.]5*', 0.80, 4.00, '2026-01-01T00:00:00.000Z', 'system'),
  ('deepseek-r1', 'DeepSeek R1', '*deepseek*r1*', 1.35, 5.40, '2026-01-01T00:00:00.000Z', 'system'),
  ('llama-3-3-70b', 'Llama 3.3 70B', '*llama*3[-.]3*70b*', 0.72, 0.72, '2026-01-01T00:00:00.000Z', 'system'),
  ('kimi-k2-5', 'Kimi K2.5', '*kimi-k2[-.]5*', 0.60, 3.00, '2026-01-01T00:00:00.000Z', 'system');

-- Which price a usage row was billed at (NULL when unpriced): later price edits never rewrite it.
ALTER TABLE usage ADD COLUMN price_id TEXT;

-- Monthly limits per employee, set for everyone ('global', scope_id '*'), a department subtree or
-- one employee; the most specific applies (employee, nearest department up the tree, global).
CREATE TABLE budgets (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('global', 'department', 'employee')),
  scope_id TEXT NOT NULL,
  monthly_limit_usd REAL NOT NULL CHECK (monthly_limit_usd >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  UNIQUE (scope, scope_id)
);

-- An admin's exception: an employee over budget keeps working until it expires or is revoked.
CREATE TABLE budget_exceptions (
  id TEXT PRIMARY KEY,
  employee_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
);
CREATE INDEX budget_exceptions_employee ON budget_exceptions(employee_id, expires_at);

-- A deleted department or employee takes its budget settings with it (the delete itself is audited).
CREATE TRIGGER budgets_follow_department_delete AFTER DELETE ON departments
BEGIN
  DELETE FROM budgets WHERE scope = 'department' AND scope_id = OLD.id;
END;
CREATE TRIGGER budgets_follow_employee_delete AFTER DELETE ON employees
BEGIN
  DELETE FROM budgets WHERE scope = 'employee' AND scope_id = OLD.id;
  DELETE FROM budget_exceptions WHERE employee_id = OLD.id;
END;

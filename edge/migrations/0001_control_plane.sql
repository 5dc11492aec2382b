-- ClawGate control plane (D1). Append-only tables (audit_events, usage) are never updated.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- Bumped by every admin change; plans are cached per version.
INSERT INTO settings (key, value) VALUES ('config_version', '1');

CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_id TEXT REFERENCES departments(id),
  role_name TEXT NOT NULL
);
CREATE INDEX departments_parent ON departments(parent_id);

CREATE TABLE runtimes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('http', 'agentcore')),
  -- http: base URL of the runtime; agentcore: the runtime ARN.
  endpoint TEXT NOT NULL,
  qualifier TEXT,
  region TEXT,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE positions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  department_id TEXT NOT NULL REFERENCES departments(id),
  capabilities TEXT NOT NULL DEFAULT '[]',  -- JSON array of platform capabilities
  default_skills TEXT NOT NULL DEFAULT '[]', -- JSON array of skill names
  runtime_id TEXT REFERENCES runtimes(id),
  model_provider TEXT NOT NULL DEFAULT 'default',
  model_id TEXT,
  max_tokens INTEGER NOT NULL DEFAULT 4096,
  context_window INTEGER NOT NULL DEFAULT 128000
);

CREATE TABLE employees (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  employee_number TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  position_id TEXT NOT NULL REFERENCES positions(id),
  department_id TEXT NOT NULL REFERENCES departments(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'employee')),
  tags TEXT NOT NULL DEFAULT '[]',          -- JSON array, e.g. ["intern"]
  language TEXT NOT NULL DEFAULT 'en',
  ask_about TEXT NOT NULL DEFAULT '',       -- shown in the generated company directory
  runtime_id TEXT REFERENCES runtimes(id),  -- per-employee routing override
  password_hash TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX employees_department ON employees(department_id);
CREATE INDEX employees_position ON employees(position_id);

-- Versioned prompt layers; texts live in R2 under blobs/<sha256>.
CREATE TABLE soul_layers (
  file TEXT NOT NULL CHECK (file IN ('SOUL', 'AGENTS')),
  scope TEXT NOT NULL CHECK (scope IN ('global', 'position', 'personal')),
  scope_id TEXT NOT NULL,                   -- '*' for global, else position or employee id
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (file, scope, scope_id, version)
);

CREATE TABLE knowledge_bases (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  generated INTEGER NOT NULL DEFAULT 0,     -- 1: documents are generated from org data
  created_at TEXT NOT NULL
);
CREATE TABLE kb_documents (
  kb_id TEXT NOT NULL REFERENCES knowledge_bases(id),
  file TEXT NOT NULL,
  title TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kb_id, file)
);
CREATE TABLE kb_assignments (
  kb_id TEXT NOT NULL REFERENCES knowledge_bases(id),
  scope TEXT NOT NULL CHECK (scope IN ('everyone', 'position', 'employee')),
  scope_id TEXT NOT NULL,                   -- '*' for everyone
  PRIMARY KEY (kb_id, scope, scope_id)
);

CREATE TABLE skills (
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL,
  sha256 TEXT NOT NULL,                     -- SKILL.md text in R2
  allowed_roles TEXT NOT NULL DEFAULT '[]', -- JSON; ["*"] admits everyone
  blocked_roles TEXT NOT NULL DEFAULT '[]', -- JSON; any match denies (blocked wins)
  created_at TEXT NOT NULL
);

CREATE TABLE auth_sessions (
  id TEXT PRIMARY KEY,
  employee_id TEXT NOT NULL REFERENCES employees(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX auth_sessions_employee ON auth_sessions(employee_id);

CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,                      -- ULID: sortable by time
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  actor TEXT NOT NULL,                      -- employee id, 'system' or 'anonymous'
  employee_id TEXT,                         -- whose agent or account it concerns
  detail TEXT NOT NULL DEFAULT '{}'         -- JSON metadata, never conversation content
);
CREATE INDEX audit_at ON audit_events(at);
CREATE INDEX audit_actor ON audit_events(actor, at);
CREATE INDEX audit_employee ON audit_events(employee_id, at);
CREATE INDEX audit_type ON audit_events(type, at);

CREATE TABLE usage (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  employee_id TEXT NOT NULL,
  turn_id TEXT NOT NULL UNIQUE,
  access_path TEXT NOT NULL,
  runtime_id TEXT NOT NULL,
  model TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd REAL,                            -- NULL when the model's price is unknown
  priced INTEGER NOT NULL                   -- 0: unknown model, never silently priced as another
);
CREATE INDEX usage_employee ON usage(employee_id, at);
CREATE INDEX usage_at ON usage(at);

-- Skills: full manifests in the catalog, per-employee installs, requests and their approvals, the
-- review queue of submitted packages, and skill secrets stored encrypted.
--
-- A skill reaches an employee's workspace only if it is in `skills` (the catalog) AND it is assigned
-- to their position (positions.default_skills) or installed for them (skill_installs) AND its role
-- rules admit them (blocked wins). durable-objects/src/turn/skill-sources.ts applies it.

ALTER TABLE skills ADD COLUMN version TEXT NOT NULL DEFAULT '1.0.0';
ALTER TABLE skills ADD COLUMN required_secrets TEXT NOT NULL DEFAULT '[]'; -- JSON array of secret names
ALTER TABLE skills ADD COLUMN permissions TEXT NOT NULL DEFAULT '[]';      -- JSON array of capabilities
ALTER TABLE skills ADD COLUMN size INTEGER NOT NULL DEFAULT 0;             -- SKILL.md bytes (UTF-8)
ALTER TABLE skills ADD COLUMN created_by TEXT NOT NULL DEFAULT 'seed';
ALTER TABLE skills ADD COLUMN updated_at TEXT;

-- Personal skills: an approved request or a direct install by an admin or a manager in scope.
CREATE TABLE skill_installs (
  employee_id TEXT NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
  skill_name TEXT NOT NULL REFERENCES skills(name),
  granted_by TEXT NOT NULL,
  request_id TEXT,                          -- NULL for a direct install
  installed_at TEXT NOT NULL,
  PRIMARY KEY (employee_id, skill_name)
);
CREATE INDEX skill_installs_skill ON skill_installs(skill_name);

CREATE TABLE skill_requests (
  id TEXT PRIMARY KEY,                      -- ULID: sortable by time
  employee_id TEXT NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
  skill_name TEXT NOT NULL,                 -- no foreign key: decided requests outlive a deleted skill
  reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by TEXT,
  decided_at TEXT,
  decision_reason TEXT,
  created_at TEXT NOT NULL
);
-- One open request per employee and skill.
CREATE UNIQUE INDEX skill_requests_open ON skill_requests(employee_id, skill_name) WHERE status = 'pending';
CREATE INDEX skill_requests_status ON skill_requests(status, id);
CREATE INDEX skill_requests_employee ON skill_requests(employee_id, id);

-- Submitted packages waiting for (or past) an admin's review; approved ones are copied into `skills`.
CREATE TABLE skill_submissions (
  id TEXT PRIMARY KEY,                      -- ULID
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  manifest TEXT NOT NULL,                   -- JSON of the validated manifest
  sha256 TEXT NOT NULL,                     -- SKILL.md text in R2
  size INTEGER NOT NULL,
  submitted_by TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by TEXT,
  decided_at TEXT,
  decision_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX skill_submissions_status ON skill_submissions(status, id);
CREATE INDEX skill_submissions_submitter ON skill_submissions(submitted_by, id);

-- AES-256-GCM with a key from the SKILL_SECRETS_KEY Worker secret; the row names are the
-- additional data, so a value moved to another skill or key no longer decrypts. No API returns them.
CREATE TABLE skill_secrets (
  skill_name TEXT NOT NULL REFERENCES skills(name),
  key TEXT NOT NULL,
  ciphertext TEXT NOT NULL,                 -- base64 ciphertext with its GCM tag
  iv TEXT NOT NULL,                         -- base64, 12 random bytes per value
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (skill_name, key)
);

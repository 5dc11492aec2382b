-- The IT admin assistant's history (issue 7): one row per message, per admin, clearable by that
-- admin (DELETE removes the rows). Tool results are not kept, only which tools ran and whether
-- they succeeded; the data they returned stays behind the API that returned it.
CREATE TABLE assistant_messages (
  id TEXT PRIMARY KEY,
  admin_id TEXT NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text TEXT NOT NULL,
  tool_calls TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX assistant_messages_by_admin ON assistant_messages (admin_id, id);

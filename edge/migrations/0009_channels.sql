-- IM channel bindings: a copy for listings. The authority is each account's ChannelIdentity DO
-- (DESIGN §3); this table is written after it, in the same step as the audit event.
CREATE TABLE channel_bindings (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,                -- telegram | slack | discord | feishu
  platform_user_id TEXT NOT NULL,
  employee_id TEXT NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
  paired_at TEXT NOT NULL,
  last_activity_at TEXT,
  message_count INTEGER NOT NULL DEFAULT 0,
  UNIQUE (channel, platform_user_id)
);
CREATE INDEX channel_bindings_employee ON channel_bindings(employee_id);

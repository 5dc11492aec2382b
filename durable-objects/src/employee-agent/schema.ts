/** SQLite schema of an EmployeeAgent, migrated in the constructor under blockConcurrencyWhile. */
const MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE sessions (access_path TEXT PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
   CREATE TABLE turns (
     id TEXT PRIMARY KEY,
     source_message_id TEXT NOT NULL UNIQUE,
     access_path TEXT NOT NULL,
     message TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     reply TEXT,
     result TEXT,
     error TEXT,
     created_at TEXT NOT NULL,
     finished_at TEXT
   );
   CREATE INDEX turns_queue ON turns(status, created_at);
   CREATE TABLE held_blobs (session_id TEXT NOT NULL, runtime_id TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (session_id, runtime_id, sha256));
   CREATE TABLE memory_files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL);`,
  // Twin visitors and playground operators each get a session of their own within their access path.
  `ALTER TABLE turns ADD COLUMN session_key TEXT;`,
  // Scheduled tasks (schedules/): the agent's schedules, and the portal inbox their replies land in
  // when the employee has no paired channel or delivery to it kept failing.
  `CREATE TABLE schedules (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     prompt TEXT NOT NULL,
     timing TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'finished')),
     anchor_ms INTEGER NOT NULL,
     next_due_ms INTEGER,
     last_run_at TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX schedules_due ON schedules(status, next_due_ms);
   CREATE TABLE inbox (
     id TEXT PRIMARY KEY,
     schedule_id TEXT,
     turn_id TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at TEXT NOT NULL,
     read_at TEXT
   );`,
  // A scheduled reply that could not reach the paired channel says why in the inbox.
  `ALTER TABLE inbox ADD COLUMN delivery_error TEXT;`,
  // Scheduled replies not yet delivered: written with the turn's completion, drained by the alarm.
  `CREATE TABLE delivery_outbox (
     turn_id TEXT PRIMARY KEY,
     schedule_id TEXT,
     title TEXT NOT NULL,
     text TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_ms INTEGER NOT NULL,
     last_error TEXT,
     created_at TEXT NOT NULL
   );`,
  // The heartbeat is a schedule too (schedules/heartbeat.ts), kept apart from the agent's own tasks.
  `ALTER TABLE schedules ADD COLUMN kind TEXT NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'heartbeat'));`,
];

export function migrate(sql: SqlStorage): void {
  sql.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = sql.exec<{ version: number }>("SELECT version FROM schema_version").toArray()[0];
  let version = row?.version ?? 0;
  if (!row) sql.exec("INSERT INTO schema_version (version) VALUES (0)");
  for (; version < MIGRATIONS.length; version++) {
    sql.exec(MIGRATIONS[version]!);
    sql.exec("UPDATE schema_version SET version = ?", version + 1);
  }
}

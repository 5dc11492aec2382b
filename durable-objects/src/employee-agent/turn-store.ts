import type { AccessPath, ChatResult, MemoryCheckpoint, MemoryFile, TranscriptEntry } from "@clawgate/contracts";
import type { HeldContent } from "../turn/invoke.ts";

export type TurnStatus = "queued" | "running" | "done" | "failed";

export type TurnRow = {
  id: string;
  source_message_id: string;
  access_path: AccessPath;
  message: string;
  status: TurnStatus;
  attempts: number;
  reply: string | null;
  result: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  session_key: string | null;
};

/** A twin turn with the visitor it came from, for the employee's view of their twin's conversations. */
export type TwinTurnEntry = TranscriptEntry & { visitor: string };

/** The turn mailbox, sessions, held content and memory pointer of one employee, in DO SQLite. */
export class TurnStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  meta(key: string): string | null {
    return this.#sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.#sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
  }

  bySource(sourceMessageId: string): TurnRow | null {
    return this.#sql.exec<TurnRow>("SELECT * FROM turns WHERE source_message_id = ?", sourceMessageId).toArray()[0] ?? null;
  }

  get(id: string): TurnRow | null {
    return this.#sql.exec<TurnRow>("SELECT * FROM turns WHERE id = ?", id).toArray()[0] ?? null;
  }

  enqueue(row: Pick<TurnRow, "id" | "source_message_id" | "access_path" | "message" | "created_at"> & { session_key?: string | null }): void {
    this.#sql.exec(
      "INSERT INTO turns (id, source_message_id, access_path, message, status, created_at, session_key) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
      row.id,
      row.source_message_id,
      row.access_path,
      row.message,
      row.created_at,
      row.session_key ?? null,
    );
  }

  /** Turns of one access path not finished yet (queued or running). */
  pending(accessPath: AccessPath): number {
    return this.#sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM turns WHERE access_path = ? AND status IN ('queued', 'running')", accessPath).one().n;
  }

  /** Oldest queued turn: per employee, turns run one at a time in arrival order. */
  nextQueued(): TurnRow | null {
    return this.#sql.exec<TurnRow>("SELECT * FROM turns WHERE status = 'queued' ORDER BY created_at, id LIMIT 1").toArray()[0] ?? null;
  }

  /** Turns left `running` by an evicted object go back to the queue. */
  requeueInterrupted(): number {
    return this.#sql.exec("UPDATE turns SET status = 'queued' WHERE status = 'running'").rowsWritten;
  }

  markRunning(id: string): void {
    this.#sql.exec("UPDATE turns SET status = 'running', attempts = attempts + 1 WHERE id = ?", id);
  }

  markDone(id: string, result: ChatResult, at: string): void {
    this.#sql.exec("UPDATE turns SET status = 'done', reply = ?, result = ?, error = NULL, finished_at = ? WHERE id = ?", result.reply, JSON.stringify(result), at, id);
  }

  markFailed(id: string, error: string, at: string): void {
    this.#sql.exec("UPDATE turns SET status = 'failed', error = ?, finished_at = ? WHERE id = ?", error, at, id);
  }

  transcript(limit: number): TranscriptEntry[] {
    const rows = this.#sql
      .exec<TurnRow>("SELECT * FROM (SELECT * FROM turns WHERE access_path = 'employee' ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY created_at, id", limit)
      .toArray();
    return rows.map((r) => {
      const outcome = r.status === "done" && r.result ? (JSON.parse(r.result) as ChatResult).outcome : undefined;
      return { turnId: r.id, message: r.message, reply: r.reply, status: r.status, ...(outcome ? { outcome } : {}), at: r.created_at };
    });
  }

  /** The latest twin turns, oldest first, each with its visitor's session key. */
  twinTurns(limit: number): TwinTurnEntry[] {
    const rows = this.#sql
      .exec<TurnRow>("SELECT * FROM (SELECT * FROM turns WHERE access_path = 'twin' ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY created_at, id", limit)
      .toArray();
    return rows.map((r) => ({ turnId: r.id, message: r.message, reply: r.reply, status: r.status, at: r.created_at, visitor: r.session_key ?? "unknown" }));
  }

  /** `accessPath` is the path, or `path:key` for a session of its own within the path (see TurnInput.sessionKey). */
  sessionId(accessPath: AccessPath | `${AccessPath}:${string}`, create: () => string): string {
    const existing = this.#sql.exec<{ session_id: string }>("SELECT session_id FROM sessions WHERE access_path = ?", accessPath).toArray()[0];
    if (existing) return existing.session_id;
    const id = create();
    this.#sql.exec("INSERT INTO sessions (access_path, session_id, created_at) VALUES (?, ?, ?)", accessPath, id, new Date().toISOString());
    return id;
  }

  /** What a runtime session holds; plan versions share the held_blobs table, being content addresses too. */
  heldContent(sessionId: string, runtimeId: string): HeldContent {
    const sql = this.#sql;
    const rows = sql.exec<{ sha256: string }>("SELECT sha256 FROM held_blobs WHERE session_id = ? AND runtime_id = ?", sessionId, runtimeId).toArray();
    let held = new Set(rows.map((r) => r.sha256));
    return {
      has: (hash) => held.has(hash),
      replace: (hashes) => {
        held = new Set(hashes);
        sql.exec("DELETE FROM held_blobs WHERE session_id = ? AND runtime_id = ?", sessionId, runtimeId);
        for (const hash of held) sql.exec("INSERT INTO held_blobs (session_id, runtime_id, sha256) VALUES (?, ?, ?)", sessionId, runtimeId, hash);
      },
    };
  }

  memory(): MemoryCheckpoint {
    const files = this.#sql.exec<MemoryFile>("SELECT path, sha256 FROM memory_files ORDER BY path").toArray().map((f) => ({ path: f.path, sha256: f.sha256 }));
    return { path: this.meta("memory_path"), sha256: this.meta("memory_sha256"), files };
  }

  setMemory(files: readonly MemoryFile[], path: string, sha256: string, at: string): void {
    this.#sql.exec("DELETE FROM memory_files");
    for (const f of files) this.#sql.exec("INSERT INTO memory_files (path, sha256) VALUES (?, ?)", f.path, f.sha256);
    this.setMeta("memory_path", path);
    this.setMeta("memory_sha256", sha256);
    this.setMeta("memory_updated_at", at);
  }
}

import type { Schedule, ScheduleDefinition, ScheduleStatus, ScheduleTiming } from "@clawgate/contracts";

type ScheduleRow = {
  id: string;
  name: string;
  prompt: string;
  timing: string;
  status: ScheduleStatus;
  anchor_ms: number;
  next_due_ms: number | null;
  last_run_at: string | null;
  created_at: string;
  updated_at: string;
  kind: "task" | "heartbeat";
};

/** A schedule due to run: `dueMs` names the run, so a retried alarm finds the same run again. */
export type DueRun = { scheduleId: string; kind: ScheduleRow["kind"]; prompt: string; dueMs: number };

/**
 * The schedules of one employee's agent, in the EmployeeAgent's SQLite (table from schema.ts): the
 * agent's tasks, and the heartbeat, which fires like them but is listed, counted and changed only
 * through its own methods.
 */
export class ScheduleStore {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  count(): number {
    return this.#sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM schedules WHERE status != 'finished' AND kind = 'task'").one().n;
  }

  has(id: string): boolean {
    return this.#task(id) !== null;
  }

  list(employeeId: string): Schedule[] {
    return this.#sql.exec<ScheduleRow>("SELECT * FROM schedules WHERE kind = 'task' ORDER BY created_at, id").toArray().map((row) => toSchedule(row, employeeId));
  }

  get(id: string, employeeId: string): Schedule | null {
    const row = this.#task(id);
    return row ? toSchedule(row, employeeId) : null;
  }

  upsert(definition: ScheduleDefinition, nextDueMs: number | null, now: number): void {
    const at = new Date(now).toISOString();
    const status: ScheduleStatus = nextDueMs === null ? "finished" : definition.enabled ? "active" : "paused";
    this.#sql.exec(
      `INSERT INTO schedules (id, name, prompt, timing, status, anchor_ms, next_due_ms, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, prompt = excluded.prompt, timing = excluded.timing, status = excluded.status,
         anchor_ms = excluded.anchor_ms, next_due_ms = excluded.next_due_ms, updated_at = excluded.updated_at`,
      definition.id,
      definition.name,
      definition.prompt,
      JSON.stringify(definition.timing),
      status,
      now,
      nextDueMs,
      at,
      at,
    );
  }

  delete(id: string): boolean {
    return this.#sql.exec("DELETE FROM schedules WHERE id = ? AND kind = 'task'", id).rowsWritten > 0;
  }

  /** Pausing keeps the next due time; resuming recomputes it from now (see EmployeeAgent.setSchedulePaused). */
  setStatus(id: string, status: ScheduleStatus, nextDueMs: number | null, now: number): void {
    this.#sql.exec("UPDATE schedules SET status = ?, next_due_ms = ?, updated_at = ? WHERE id = ?", status, nextDueMs, new Date(now).toISOString(), id);
  }

  timing(id: string): { timing: ScheduleTiming; anchorMs: number } | null {
    const row = this.#row(id);
    return row ? { timing: JSON.parse(row.timing) as ScheduleTiming, anchorMs: row.anchor_ms } : null;
  }

  /** Active schedules whose due time has come, earliest first. */
  due(now: number): DueRun[] {
    return this.#sql
      .exec<ScheduleRow>("SELECT * FROM schedules WHERE status = 'active' AND next_due_ms <= ? ORDER BY next_due_ms, id", now)
      .toArray()
      .map((row) => ({ scheduleId: row.id, kind: row.kind, prompt: row.prompt, dueMs: row.next_due_ms! }));
  }

  /** After a run was enqueued: the next due time, or finished when there is none. */
  advance(id: string, ranAt: number, nextDueMs: number | null): void {
    const at = new Date(ranAt).toISOString();
    if (nextDueMs === null) this.#sql.exec("UPDATE schedules SET status = 'finished', next_due_ms = NULL, last_run_at = ?, updated_at = ? WHERE id = ?", at, at, id);
    else this.#sql.exec("UPDATE schedules SET next_due_ms = ?, last_run_at = ? WHERE id = ?", nextDueMs, at, id);
  }

  /** The earliest time an active schedule is due, for the object's single alarm. */
  earliestDue(): number | null {
    return this.#sql.exec<{ due: number | null }>("SELECT MIN(next_due_ms) AS due FROM schedules WHERE status = 'active'").one().due;
  }

  /** The heartbeat's schedule, or null while it was never switched on. */
  heartbeat(id: string, employeeId: string): Schedule | null {
    const row = this.#row(id);
    return row?.kind === "heartbeat" ? toSchedule(row, employeeId) : null;
  }

  /** Switches the heartbeat on (first run one interval from now) or off; an unchanged setting keeps its next run. */
  /** False when the heartbeat already had these settings: nothing written, its next run kept. */
  setHeartbeat(heartbeat: { id: string; name: string; prompt: string }, everyMs: number, enabled: boolean, now: number): boolean {
    const current = this.#row(heartbeat.id);
    const timing = JSON.stringify({ kind: "every", everyMs });
    if (current && current.timing === timing && current.status === (enabled ? "active" : "paused")) return false;
    const at = new Date(now).toISOString();
    this.#sql.exec(
      `INSERT INTO schedules (id, name, prompt, timing, status, anchor_ms, next_due_ms, created_at, updated_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'heartbeat')
       ON CONFLICT(id) DO UPDATE SET prompt = excluded.prompt, timing = excluded.timing, status = excluded.status, anchor_ms = excluded.anchor_ms,
         next_due_ms = excluded.next_due_ms, updated_at = excluded.updated_at`,
      heartbeat.id,
      heartbeat.name,
      heartbeat.prompt,
      timing,
      enabled ? "active" : "paused",
      now,
      enabled ? now + everyMs : null,
      at,
      at,
    );
    return true;
  }

  #task(id: string): ScheduleRow | null {
    const row = this.#row(id);
    return row?.kind === "task" ? row : null;
  }

  #row(id: string): ScheduleRow | null {
    return this.#sql.exec<ScheduleRow>("SELECT * FROM schedules WHERE id = ?", id).toArray()[0] ?? null;
  }
}

function toSchedule(row: ScheduleRow, employeeId: string): Schedule {
  return {
    id: row.id,
    employeeId,
    name: row.name,
    prompt: row.prompt,
    timing: JSON.parse(row.timing) as ScheduleTiming,
    status: row.status,
    nextRunAt: row.next_due_ms === null ? null : new Date(row.next_due_ms).toISOString(),
    lastRunAt: row.last_run_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

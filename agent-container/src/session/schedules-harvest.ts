import { existsSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { ScheduleDefinition, type ScheduleChange, type ScheduleTiming } from "@clawgate/contracts";

/**
 * The agent's schedules live where OpenClaw's `automations` tool puts them: the `cron_jobs` table of
 * the gateway's shared state database. Its own scheduler is off (OPENCLAW_SKIP_CRON), so the jobs
 * only matter as what the turn changed, which the EmployeeAgent validates and owns from then on.
 */

/** OpenClaw 2026.9.x keeps its shared state database under `<state dir>/state/`. */
export const openClawStateDb = (stateDir: string) => join(stateDir, "state", "openclaw.sqlite");

export type ScheduleSnapshot = ReadonlyMap<string, ScheduleDefinition>;

interface CronJobRow {
  job_id: string;
  name: string;
  enabled: number;
  job_json: string;
}

/** The session agent's jobs as schedules, read without writing or migrating anything. */
export function readSchedules(dbPath: string, agentId: string): ScheduleSnapshot {
  const schedules = new Map<string, ScheduleDefinition>();
  if (!existsSync(dbPath)) return schedules;
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'cron_jobs'").get();
    if (!table) return schedules;
    // Owned by the agent: what it created with its tool. OpenClaw's own managed jobs for the agent
    // (skill collection review, memory dreaming) name it only as their target and are not the employee's.
    const rows = db
      .prepare("SELECT job_id, name, enabled, job_json FROM cron_jobs WHERE owner_agent_id = ? ORDER BY sort_order, job_id")
      .all(agentId) as unknown as CronJobRow[];
    for (const row of rows) {
      const schedule = toSchedule(row);
      if (schedule) schedules.set(schedule.id, schedule);
    }
  } finally {
    db.close();
  }
  return schedules;
}

/** What changed between two snapshots: new or different schedules are upserted, vanished ones deleted. */
export function scheduleChanges(before: ScheduleSnapshot, after: ScheduleSnapshot): ScheduleChange[] {
  const changes: ScheduleChange[] = [];
  for (const [id, schedule] of after) {
    const previous = before.get(id);
    if (!previous || JSON.stringify(previous) !== JSON.stringify(schedule)) changes.push({ op: "upsert", schedule });
  }
  for (const id of before.keys()) if (!after.has(id)) changes.push({ op: "delete", id });
  return changes;
}

/**
 * One OpenClaw job as a schedule, or null for what the platform cannot run: trigger kinds
 * (stream, on-exit) and payloads with no text to ask the agent.
 */
export function toSchedule(row: CronJobRow): ScheduleDefinition | null {
  let job: { schedule?: Record<string, unknown>; payload?: Record<string, unknown> };
  try {
    job = JSON.parse(row.job_json) as typeof job;
  } catch {
    return null;
  }
  const timing = toTiming(job.schedule ?? {});
  const payload = job.payload ?? {};
  const prompt = [payload.message, payload.text].find((value): value is string => typeof value === "string" && value.trim() !== "");
  if (!timing || !prompt) return null;
  const parsed = ScheduleDefinition.safeParse({ id: row.job_id, name: row.name.slice(0, 200), prompt: prompt.trim().slice(0, 4000), timing, enabled: row.enabled !== 0 });
  return parsed.success ? parsed.data : null;
}

function toTiming(schedule: Record<string, unknown>): ScheduleTiming | null {
  switch (schedule.kind) {
    case "cron":
      if (typeof schedule.expr !== "string") return null;
      // OpenClaw reads a cron without a zone in the gateway's local zone; say which that was.
      return { kind: "cron", expr: schedule.expr, tz: typeof schedule.tz === "string" && schedule.tz ? schedule.tz : hostTimezone() };
    case "at": {
      const raw = typeof schedule.at === "string" || typeof schedule.at === "number" ? schedule.at : schedule.atMs;
      const at = typeof raw === "string" || typeof raw === "number" ? new Date(raw) : null;
      return at && !Number.isNaN(at.getTime()) ? { kind: "at", at: at.toISOString() } : null;
    }
    case "every":
      return typeof schedule.everyMs === "number" && Number.isInteger(schedule.everyMs) && schedule.everyMs > 0 ? { kind: "every", everyMs: schedule.everyMs } : null;
    default:
      return null;
  }
}

const hostTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

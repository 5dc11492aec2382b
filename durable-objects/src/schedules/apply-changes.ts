import type { AuditEventType, ScheduleChange, ScheduleRejection } from "@clawgate/contracts";
import { HEARTBEAT_SCHEDULE_ID } from "./heartbeat.ts";
import type { ScheduleStore } from "./schedule-store.ts";
import { checkTiming, nextDue } from "./timing.ts";

/** Schedules one employee may have at once (not counting finished one-offs). */
export const MAX_SCHEDULES = 20;

export type AppliedChange = { type: AuditEventType; id: string; detail: Record<string, unknown> };

/** Validates and stores a turn's schedule changes; each refused one comes back with its reason. */
export function applyScheduleChanges(store: ScheduleStore, changes: readonly ScheduleChange[], now: number): { applied: AppliedChange[]; rejected: ScheduleRejection[] } {
  const applied: AppliedChange[] = [];
  const rejected: ScheduleRejection[] = [];
  for (const change of changes) {
    if (change.op === "delete") {
      if (store.delete(change.id)) applied.push({ type: "schedule.deleted", id: change.id, detail: { by: "agent" } });
      continue;
    }
    const { schedule } = change;
    if (schedule.id === HEARTBEAT_SCHEDULE_ID) {
      rejected.push({ id: schedule.id, reason: `"${HEARTBEAT_SCHEDULE_ID}" is reserved for the heartbeat, which the employee sets in the portal` });
      continue;
    }
    const check = checkTiming(schedule.timing, now);
    if (!check.ok) {
      rejected.push({ id: schedule.id, reason: check.reason });
      continue;
    }
    const exists = store.has(schedule.id);
    if (!exists && store.count() >= MAX_SCHEDULES) {
      rejected.push({ id: schedule.id, reason: `at most ${MAX_SCHEDULES} schedules per employee` });
      continue;
    }
    store.upsert(schedule, nextDue(schedule.timing, now, now), now);
    applied.push({ type: exists ? "schedule.updated" : "schedule.created", id: schedule.id, detail: { by: "agent", name: schedule.name, timing: schedule.timing } });
  }
  return { applied, rejected };
}

/** The turn's source message id for one run: the same due time always names the same turn. */
export function scheduledRunId(scheduleId: string, dueMs: number): string {
  return `schedule:${scheduleId}:${dueMs}`;
}

/** The schedule a scheduled turn ran for, from its run id. */
export function scheduleOfRun(sourceMessageId: string): string | null {
  const match = /^schedule:(.+):\d+$/.exec(sourceMessageId);
  return match ? match[1]! : null;
}

import type { ScheduleTiming } from "@clawgate/contracts";
import { Cron } from "croner";

/** Nothing fires more often than this: a runaway schedule would otherwise burn the employee's budget. */
export const MIN_INTERVAL_MS = 5 * 60_000;
/** How many upcoming cron runs are checked against MIN_INTERVAL_MS ("0,1 * * * *" is hourly yet 1 minute apart). */
const CRON_GAPS_CHECKED = 48;

export type TimingCheck = { ok: true } | { ok: false; reason: string };

/** Whether a timing is well formed and fires no more often than every 5 minutes; `now` dates a one-off. */
export function checkTiming(timing: ScheduleTiming, now: number): TimingCheck {
  switch (timing.kind) {
    case "every":
      return timing.everyMs >= MIN_INTERVAL_MS ? { ok: true } : { ok: false, reason: `interval ${timing.everyMs} ms is shorter than the minimum of 5 minutes` };
    case "at":
      return Date.parse(timing.at) > now ? { ok: true } : { ok: false, reason: `"at" time ${timing.at} is in the past` };
    case "cron": {
      if (!isTimeZone(timing.tz)) return { ok: false, reason: `unknown time zone "${timing.tz}" (use an IANA name such as Europe/Berlin)` };
      let runs: Date[];
      try {
        runs = cron(timing.expr, timing.tz).nextRuns(CRON_GAPS_CHECKED, new Date(now));
      } catch (error) {
        return { ok: false, reason: `invalid cron expression "${timing.expr}": ${error instanceof Error ? error.message : String(error)}` };
      }
      if (!runs.length) return { ok: false, reason: `cron expression "${timing.expr}" never fires` };
      for (let i = 1; i < runs.length; i++) {
        if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_INTERVAL_MS) return { ok: false, reason: `cron expression "${timing.expr}" fires more often than every 5 minutes` };
      }
      return { ok: true };
    }
  }
}

/**
 * The first due time strictly after `after`, or null when the schedule is over. Intervals count
 * from `anchor` (when the schedule was set), so a late alarm does not shift every later run.
 */
export function nextDue(timing: ScheduleTiming, after: number, anchor: number): number | null {
  switch (timing.kind) {
    case "at": {
      const at = Date.parse(timing.at);
      return at > after ? at : null;
    }
    case "every":
      return anchor + (Math.floor(Math.max(after - anchor, 0) / timing.everyMs) + 1) * timing.everyMs;
    case "cron":
      return cron(timing.expr, timing.tz).nextRun(new Date(after))?.getTime() ?? null;
  }
}

function cron(expr: string, tz: string): Cron {
  // Five fields only: OpenClaw's `cron` tool takes standard cron, and seconds would defeat the minimum interval.
  return new Cron(expr, { timezone: tz, paused: true, mode: "5-part" });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

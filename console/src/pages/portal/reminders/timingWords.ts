import type { ScheduleTiming } from "@clawgate/contracts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { useFormatTime } from "../useFormatTime.ts";

const STRINGS = defineStrings({
  en: {
    daily: (time: string) => `Every day at ${time}`,
    weekdays: (time: string) => `Every weekday at ${time}`,
    weekends: (time: string) => `Every Saturday and Sunday at ${time}`,
    onDays: (days: string, time: string) => `Every ${days} at ${time}`,
    monthly: (day: string, time: string) => `On day ${day} of every month at ${time}`,
    hourly: (minute: string) => `Every hour at :${minute}`,
    everyMinutes: (n: number) => (n === 1 ? "Every minute" : `Every ${n} minutes`),
    everyHours: (n: number) => (n === 1 ? "Every hour" : `Every ${n} hours`),
    everyDays: (n: number) => (n === 1 ? "Every day" : `Every ${n} days`),
    once: (when: string) => `Once, on ${when}`,
    custom: "On a custom schedule",
    dayNames: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"].join("|"),
    and: ", ",
  },
  zh: {
    daily: (time: string) => `每天 ${time}`,
    weekdays: (time: string) => `每个工作日 ${time}`,
    weekends: (time: string) => `每周六和周日 ${time}`,
    onDays: (days: string, time: string) => `每${days} ${time}`,
    monthly: (day: string, time: string) => `每月 ${day} 日 ${time}`,
    hourly: (minute: string) => `每小时第 ${minute} 分`,
    everyMinutes: (n: number) => (n === 1 ? "每分钟" : `每 ${n} 分钟`),
    everyHours: (n: number) => (n === 1 ? "每小时" : `每 ${n} 小时`),
    everyDays: (n: number) => (n === 1 ? "每天" : `每 ${n} 天`),
    once: (when: string) => `一次，${when}`,
    custom: "自定义时间表",
    dayNames: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"].join("|"),
    and: "、",
  },
});

type TimingStrings = (typeof STRINGS)["en"];

const DAY_ALIASES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const NUMBER = /^\d{1,2}$/;

/** Cron day-of-week field → day numbers 0–6 (7 is Sunday too), or null when it is not a plain list/range of days. */
function weekdays(field: string): number[] | null {
  const day = (d: string) => (NUMBER.test(d) && Number(d) <= 7 ? Number(d) : DAY_ALIASES[d]);
  const days = new Set<number>();
  for (const part of field.toLowerCase().split(",")) {
    const [from, to = from] = part.split("-").map(day);
    if (from === undefined || to === undefined || to < from) return null;
    for (let d = from; d <= to; d++) days.add(d % 7);
  }
  return [...days].sort((a, b) => a - b);
}

const pad = (value: string) => value.padStart(2, "0");

/**
 * A cron expression in words, for the common shapes an agent writes ("every weekday at 7");
 * anything else is described as custom and the expression itself is shown beside it.
 */
export function cronInWords(expr: string, t: TimingStrings): string {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return t.custom;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  if (month !== "*") return t.custom;
  const step = (field: string) => (/^\*\/\d+$/.test(field) ? Number(field.slice(2)) : null);

  if (hour === "*" && dayOfMonth === "*" && dayOfWeek === "*") {
    if (minute === "*") return t.everyMinutes(1);
    if (step(minute)) return t.everyMinutes(step(minute)!);
    if (NUMBER.test(minute)) return t.hourly(pad(minute));
    return t.custom;
  }
  if (!NUMBER.test(minute)) return t.custom;
  if (step(hour) && dayOfMonth === "*" && dayOfWeek === "*") return t.everyHours(step(hour)!);
  if (!NUMBER.test(hour)) return t.custom;
  const time = `${pad(hour)}:${pad(minute)}`;

  if (dayOfMonth !== "*") return NUMBER.test(dayOfMonth) && dayOfWeek === "*" ? t.monthly(dayOfMonth, time) : t.custom;
  if (dayOfWeek === "*") return t.daily(time);
  const days = weekdays(dayOfWeek);
  if (!days) return t.custom;
  const key = days.join(",");
  if (key === "0,1,2,3,4,5,6") return t.daily(time);
  if (key === "1,2,3,4,5") return t.weekdays(time);
  if (key === "0,6") return t.weekends(time);
  const names = t.dayNames.split("|");
  return t.onDays(days.map((d) => names[d]).join(t.and), time);
}

/** An interval in the largest whole unit. */
export function intervalInWords(everyMs: number, t: TimingStrings): string {
  const minutes = Math.round(everyMs / 60_000);
  if (minutes % 1440 === 0) return t.everyDays(minutes / 1440);
  if (minutes % 60 === 0) return t.everyHours(minutes / 60);
  return t.everyMinutes(Math.max(1, minutes));
}

/**
 * What a repeating schedule's timing looks like written down exactly: the cron and its zone, or
 * the interval. Null for a one-off, whose time in words is already exact.
 */
export function timingCode(timing: ScheduleTiming): string | null {
  if (timing.kind === "cron") return `cron ${timing.expr} · ${timing.tz}`;
  if (timing.kind === "at") return null;
  return `every ${Math.round(timing.everyMs / 60_000)} min`;
}

/** Describes a schedule's timing in the UI language. */
export function useTimingInWords(): (timing: ScheduleTiming) => string {
  const t = useStrings(STRINGS);
  const formatTime = useFormatTime();
  return (timing) => {
    if (timing.kind === "cron") return cronInWords(timing.expr, t);
    if (timing.kind === "at") return t.once(formatTime(timing.at));
    return intervalInWords(timing.everyMs, t);
  };
}

export const TIMING_STRINGS = STRINGS;

import { z } from "zod";

/**
 * When a schedule fires: a cron expression read in an IANA time zone, a one-off ISO instant, or a
 * fixed interval. Validation that needs a cron parser (well-formed expression, known time zone,
 * minimum interval) happens in the EmployeeAgent, which owns the schedules.
 */
export const ScheduleTiming = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("cron"), expr: z.string().min(1).max(120), tz: z.string().min(1).max(64).default("UTC") }),
  z.object({ kind: z.literal("at"), at: z.iso.datetime({ offset: true }) }),
  z.object({ kind: z.literal("every"), everyMs: z.number().int().positive() }),
]);
export type ScheduleTiming = z.infer<typeof ScheduleTiming>;

/** A schedule as the agent asked for it (harvested from OpenClaw's `cron` tool by the container). */
export const ScheduleDefinition = z.object({
  /** The OpenClaw job id: the agent changes or removes a schedule by it. */
  id: z.string().min(1).max(128),
  name: z.string().max(200).default(""),
  /** What the agent is asked when the schedule fires. */
  prompt: z.string().min(1).max(4000),
  timing: ScheduleTiming,
  enabled: z.boolean().default(true),
});
export type ScheduleDefinition = z.infer<typeof ScheduleDefinition>;

/**
 * What a turn changed in the agent's schedules. Changes rather than the full set: a fresh runtime
 * that lost its OpenClaw state must not erase the schedules the employee's agent already owns.
 */
export const ScheduleChange = z.discriminatedUnion("op", [
  z.object({ op: z.literal("upsert"), schedule: ScheduleDefinition }),
  z.object({ op: z.literal("delete"), id: z.string().min(1).max(128) }),
]);
export type ScheduleChange = z.infer<typeof ScheduleChange>;

export const ScheduleStatus = z.enum(["active", "paused", "finished"]);
export type ScheduleStatus = z.infer<typeof ScheduleStatus>;

/** A stored schedule, as the portal and admin APIs show it. */
export const Schedule = z
  .object({
    id: z.string(),
    employeeId: z.string(),
    name: z.string(),
    prompt: z.string(),
    timing: ScheduleTiming,
    status: ScheduleStatus,
    nextRunAt: z.string().nullable(),
    lastRunAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Schedule" });
export type Schedule = z.infer<typeof Schedule>;

/** A schedule change the EmployeeAgent refused, with the reason the agent and the audit log see. */
export const ScheduleRejection = z.object({ id: z.string(), reason: z.string() });
export type ScheduleRejection = z.infer<typeof ScheduleRejection>;

/** A notification in the employee's portal inbox: a scheduled run's reply. */
export const InboxItem = z
  .object({
    id: z.string(),
    scheduleId: z.string().nullable(),
    turnId: z.string(),
    title: z.string(),
    text: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    /** Why the reply is here rather than on the employee's paired channel: the last send's error; null when no channel was paired. */
    deliveryError: z.string().nullable(),
  })
  .meta({ id: "InboxItem" });
export type InboxItem = z.infer<typeof InboxItem>;

/**
 * What the agent is asked at each heartbeat: OpenClaw's default heartbeat prompt, pointed at
 * HEARTBEAT.md (the platform, not OpenClaw, schedules it). NO_REPLY means nothing to report.
 */
export const HEARTBEAT_PROMPT =
  "Read HEARTBEAT.md in your workspace and follow it strictly. Do not infer or repeat old tasks from prior chats. If nothing needs attention, reply NO_REPLY.";

/** How often a heartbeat may run, in minutes: not more than every half hour, at least once a day. */
export const HEARTBEAT_MIN_MINUTES = 30;
export const HEARTBEAT_MAX_MINUTES = 1440;

/**
 * The agent's heartbeat as the portal shows it: a periodic turn following HEARTBEAT.md, whose
 * instructions are that memory file's current text ("" when there is none).
 */
export const HeartbeatSettings = z
  .object({ enabled: z.boolean(), everyMinutes: z.number().int(), nextRunAt: z.string().nullable(), instructions: z.string() })
  .meta({ id: "HeartbeatSettings" });
export type HeartbeatSettings = z.infer<typeof HeartbeatSettings>;

export const HeartbeatUpdate = z
  .object({ enabled: z.boolean(), everyMinutes: z.number().int().min(HEARTBEAT_MIN_MINUTES).max(HEARTBEAT_MAX_MINUTES) })
  .meta({ id: "HeartbeatUpdate" });
export type HeartbeatUpdate = z.infer<typeof HeartbeatUpdate>;

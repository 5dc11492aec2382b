import { z } from "zod";
import { AuditCategory } from "./governance.ts";

/**
 * Operating the platform: the admin dashboard (setup checklist, live counts, recent activity),
 * the monitor (sessions, turns, failures) and the organisation's settings. Dashboard and monitor
 * are scoped like every admin read (a manager's numbers cover their subtree only); settings are
 * the admins'.
 */

// ─── Dashboard ───────────────────────────────────────────────────────────────────────────────

/** What a new installation still lacks, each item computed from the real state, never stored. */
export const ChecklistItemId = z.enum(["global_soul", "position_config", "model", "im_bot", "employees", "budget"]).meta({ id: "ChecklistItemId" });
export type ChecklistItemId = z.infer<typeof ChecklistItemId>;

export const ChecklistItem = z
  .object({
    id: ChecklistItemId,
    done: z.boolean(),
    /** How many there are, where a number says it (positions configured, employees, budgets). */
    count: z.number().int().nullable(),
    /** The value in use, where one says it (the model answering, the configured IM platforms). */
    value: z.string().nullable(),
  })
  .meta({ id: "ChecklistItem" });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const DashboardCounts = z
  .object({
    employees: z.number().int(),
    /** Distinct employees whose agent ran a turn in the last 24 hours. */
    activeAgents24h: z.number().int(),
    /** Turns since 00:00 UTC today. */
    turnsToday: z.number().int(),
    pairedAccounts: z.number().int(),
    pendingSkillRequests: z.number().int(),
    /** Turn failures, runtime fallbacks and guardrail blocks or errors in the last 24 hours. */
    failures24h: z.number().int(),
  })
  .meta({ id: "DashboardCounts" });
export type DashboardCounts = z.infer<typeof DashboardCounts>;

/** An audit event as the dashboard lists it: who, what kind, when; never its detail. */
export const ActivityEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    type: z.string(),
    category: AuditCategory.nullable(),
    actor: z.string(),
    actorName: z.string().nullable(),
    employeeId: z.string().nullable(),
    employeeName: z.string().nullable(),
  })
  .meta({ id: "ActivityEntry" });
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const Dashboard = z
  .object({
    organisationName: z.string(),
    /** The setup checklist; null for managers (setting the platform up is the admins' job). */
    checklist: z.array(ChecklistItem).nullable(),
    counts: DashboardCounts,
    activity: z.array(ActivityEntry).describe("the last 10 audit events in the caller's scope, newest first"),
    generatedAt: z.string(),
  })
  .meta({ id: "Dashboard" });
export type Dashboard = z.infer<typeof Dashboard>;

// ─── Monitor ─────────────────────────────────────────────────────────────────────────────────

/** An employee's agent busy on one access path within the last 15 minutes. */
export const ActiveSession = z
  .object({
    employeeId: z.string(),
    employeeName: z.string().nullable(),
    accessPath: z.string(),
    runtimeId: z.string(),
    runtimeName: z.string().nullable(),
    lastTurnAt: z.string(),
    turns: z.number().int(),
  })
  .meta({ id: "ActiveSession" });
export type ActiveSession = z.infer<typeof ActiveSession>;

export const RecentTurn = z
  .object({
    turnId: z.string(),
    at: z.string(),
    employeeId: z.string(),
    employeeName: z.string().nullable(),
    accessPath: z.string(),
    model: z.string(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costUsd: z.number().nullable(),
    /** From the turn's invocation audit event; null for turns recorded without one. */
    durationMs: z.number().nullable(),
  })
  .meta({ id: "RecentTurn" });
export type RecentTurn = z.infer<typeof RecentTurn>;

export const FAILURE_EVENT_TYPES = ["agent.turn_failed", "runtime.fallback", "guardrail.blocked", "guardrail.failed", "schedule.delivery_failed"] as const;

export const FailureEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    type: z.enum(FAILURE_EVENT_TYPES),
    employeeId: z.string().nullable(),
    employeeName: z.string().nullable(),
    /** What went wrong, from the event's metadata (an error message, the fallback route, the rules matched). */
    reason: z.string().nullable(),
  })
  .meta({ id: "FailureEntry" });
export type FailureEntry = z.infer<typeof FailureEntry>;

export const MonitorReport = z
  .object({
    sessions: z.array(ActiveSession).describe("employees with a turn in the last 15 minutes, latest first"),
    turns: z.array(RecentTurn).describe("the last 50 turns, newest first"),
    failures: z.array(FailureEntry).describe("the last 50 failures, newest first"),
    generatedAt: z.string(),
  })
  .meta({ id: "MonitorReport" });
export type MonitorReport = z.infer<typeof MonitorReport>;

// ─── Organisation settings ───────────────────────────────────────────────────────────────────

/** UI languages the console speaks; a new employee's agent and profile start in the default one. */
export const OrgLanguage = z.enum(["en", "zh"]).meta({ id: "OrgLanguage" });
export type OrgLanguage = z.infer<typeof OrgLanguage>;

export const OrgSettings = z
  .object({
    /** The company name agents introduce and the org directory uses. */
    organisationName: z.string(),
    /** The language of employees created without one. */
    defaultLanguage: OrgLanguage,
    /** Off: every twin link answers 404 and nobody can switch a twin on; each employee's own switch is kept. */
    twinsEnabled: z.boolean(),
  })
  .meta({ id: "OrgSettings" });
export type OrgSettings = z.infer<typeof OrgSettings>;

export const OrgSettingsPatch = z
  .strictObject({
    organisationName: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    defaultLanguage: OrgLanguage,
    twinsEnabled: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "name at least one setting to change");
export type OrgSettingsPatch = z.infer<typeof OrgSettingsPatch>;

import { z } from "zod";

/**
 * The audit trail's contracts: event types, the metadata-only guard, the audit API. Pricing,
 * usage and budgets are in usage.ts.
 */

// ─── Audit event types ───────────────────────────────────────────────────────────────────────

/** The kinds of event DESIGN §6 requires the audit trail to cover, plus the organisation's own changes. */
export const AuditCategory = z
  .enum(["invocation", "tool_call", "permission_denial", "guardrail_block", "soul_change", "config_change", "organisation", "pairing", "login", "approval"])
  .meta({ id: "AuditCategory" });
export type AuditCategory = z.infer<typeof AuditCategory>;

/**
 * Every audit event type, in one place, with its category. Writers (edge `auditStatement`, the
 * turn's accounting) only accept these names, so a new kind of event is added here first.
 */
export const AUDIT_EVENT_CATEGORIES = {
  // A turn ran (or failed) on a runtime; detail: accessPath, runtimeId, model, token counts.
  "agent.invocation": "invocation",
  "agent.turn_failed": "invocation",
  // detail: tool and a summary of its arguments (auditSafeArgs), never file contents.
  "agent.tool_call": "tool_call",
  "agent.tool_denied": "permission_denial",
  // Budgets in the turn path: warned at 80 %, refused at 100 % without an exception.
  "budget.warned": "invocation",
  "budget.refused": "permission_denial",
  // Guardrails: detail.source is "input" or "output", with guardrailId and the matched rule names
  // (never the text). `masked`: the text went on with parts masked. `failed`: the guardrail errored;
  // detail.failedClosed says whether the turn was refused (strict runtime) or went on unchecked.
  "guardrail.blocked": "guardrail_block",
  "guardrail.masked": "guardrail_block",
  "guardrail.failed": "guardrail_block",
  "soul.changed": "soul_change",
  // Model prices, agent configuration, runtimes and routing, guardrails; detail.area names which.
  "config.changed": "config_change",
  "config.applied": "config_change",
  "budget.created": "config_change",
  "budget.updated": "config_change",
  "budget.deleted": "config_change",
  // The skills catalog, installs and secrets (never a secret's value).
  "skill.created": "config_change",
  "skill.updated": "config_change",
  "skill.deleted": "config_change",
  "skill.installed": "config_change",
  "skill.uninstalled": "config_change",
  "skill.secret_set": "config_change",
  "skill.secret_cleared": "config_change",
  // Knowledge bases (edge/src/api/admin/knowledge*.ts); detail.kbId names which. Documents and
  // assignments change what plans carry.
  "kb.created": "config_change",
  "kb.updated": "config_change",
  "kb.deleted": "config_change",
  "kb.document_uploaded": "config_change",
  "kb.document_deleted": "config_change",
  "kb.assigned": "config_change",
  "kb.unassigned": "config_change",
  "org.department_created": "organisation",
  "org.department_updated": "organisation",
  "org.department_deleted": "organisation",
  "org.position_created": "organisation",
  "org.position_updated": "organisation",
  "org.position_deleted": "organisation",
  "org.employee_created": "organisation",
  "org.first_admin_created": "organisation",
  "org.employee_updated": "organisation",
  "org.employee_deleted": "organisation",
  "org.agent_provisioned": "organisation",
  "org.agent_provision_failed": "organisation",
  // IM pairing; detail.channel names the platform (the "agents without channels" insight reads these).
  "channel.paired": "pairing",
  "channel.unpaired": "pairing",
  // An IM account went over its per-minute message limit; once per window; detail: channel, limit, windowSeconds.
  "channel.rate_limited": "invocation",
  // Digital twin link (portal); detail is empty: the token is never logged.
  "twin.enabled": "config_change",
  "twin.disabled": "config_change",
  "twin.regenerated": "config_change",
  // An admin or manager chatted as an employee in the playground; actor is the operator.
  "playground.turn": "invocation",
  // The IT admin assistant ran one of its tools through the API as the admin; detail: tool, ok and,
  // when refused or failed, the reason code (refused: "global_soul" | "invalid_arguments" | …, status).
  "assistant.tool_call": "tool_call",
  // Scheduled tasks: the agent's or the employee's changes, refusals with their reason, runs and failed deliveries.
  "schedule.created": "config_change",
  "schedule.updated": "config_change",
  "schedule.deleted": "config_change",
  "schedule.paused": "config_change",
  "schedule.resumed": "config_change",
  "schedule.rejected": "config_change",
  "schedule.run": "invocation",
  "schedule.delivery_failed": "invocation",
  // The employee switched the agent's heartbeat on or off or changed its interval; detail: enabled, everyMinutes.
  "heartbeat.updated": "config_change",
  // The employee edited a memory file in the portal; detail: path and bytes, never the content.
  "memory.updated": "config_change",
  // An employee's always-on endpoint went unhealthy and turns moved to the next tier (detail: from,
  // to, reason), or came back; each written once per change of state, not per turn.
  "runtime.fallback": "invocation",
  "runtime.recovered": "invocation",
  "auth.login": "login",
  "auth.login_failed": "login",
  "auth.login_rate_limited": "login",
  "auth.account_locked": "login",
  "auth.logout": "login",
  "auth.logout_all": "login",
  "auth.password_changed": "login",
  "auth.password_change_failed": "login",
  "auth.sso_failed": "login",
  "auth.sso_provisioned": "login",
  "skill.requested": "approval",
  "skill.approved": "approval",
  "skill.rejected": "approval",
  "skill.submitted": "approval",
  "skill.submission_approved": "approval",
  "skill.submission_rejected": "approval",
  "budget.exception_granted": "approval",
  "budget.exception_revoked": "approval",
} as const satisfies Record<string, AuditCategory>;

export type AuditEventType = keyof typeof AUDIT_EVENT_CATEGORIES;
export const AUDIT_EVENT_TYPES = Object.keys(AUDIT_EVENT_CATEGORIES) as [AuditEventType, ...AuditEventType[]];
export const AuditEventType = z.enum(AUDIT_EVENT_TYPES).meta({ id: "AuditEventType" });

/** The category of a stored type; null for a type no longer written (rows are never rewritten). */
export function auditCategoryOf(type: string): AuditCategory | null {
  return Object.hasOwn(AUDIT_EVENT_CATEGORIES, type) ? AUDIT_EVENT_CATEGORIES[type as AuditEventType] : null;
}

export function auditTypesIn(category: AuditCategory): AuditEventType[] {
  return AUDIT_EVENT_TYPES.filter((type) => AUDIT_EVENT_CATEGORIES[type] === category);
}

// ─── Metadata only ───────────────────────────────────────────────────────────────────────────

/** Keys that would carry conversation or file content; an audit detail holding one is refused. */
export const CONTENT_KEYS: ReadonlySet<string> = new Set([
  "message", "messages", "reply", "text", "content", "prompt", "response", "completion", "transcript",
  "body", "input", "output", "new_string", "old_string", "patch", "delta",
]);

/** Details are small metadata; anything larger is almost certainly content that slipped in. */
export const AUDIT_DETAIL_MAX_BYTES = 8192;

export class AuditContentError extends Error {}

/**
 * The JSON of an audit detail, or an AuditContentError when it holds a content key (at any depth)
 * or exceeds the size cap. Every writer goes through this, so the guard is the schema of `detail`.
 */
export function auditDetailJson(detail: Record<string, unknown>): string {
  const offending = contentKeyIn(detail);
  if (offending) throw new AuditContentError(`audit details are metadata only: "${offending}" would carry content`);
  const json = JSON.stringify(detail);
  const bytes = new TextEncoder().encode(json).length;
  if (bytes > AUDIT_DETAIL_MAX_BYTES) throw new AuditContentError(`audit details are metadata only: ${bytes} bytes exceed ${AUDIT_DETAIL_MAX_BYTES}`);
  return json;
}

function contentKeyIn(value: unknown, path = ""): string | null {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = contentKeyIn(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (CONTENT_KEYS.has(key.toLowerCase())) return here;
      const found = contentKeyIn(item, here);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Tool arguments as an audit may keep them: short scalars only (a path, a command line, a URL),
 * no content-bearing keys and nothing nested. Applied at the edge to what a runtime reports, since
 * the runtime is not trusted to have summarised them.
 */
export function auditSafeArgs(args: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(args).slice(0, 20)) {
    if (CONTENT_KEYS.has(key.toLowerCase())) continue;
    if (typeof value === "string") out[key] = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    else if (typeof value === "number" || typeof value === "boolean") out[key] = value;
  }
  return out;
}

// ─── Shared query pieces ─────────────────────────────────────────────────────────────────────

const Ref = z.string().trim().min(1).max(64);

/** An ISO-8601 instant or date (UTC), normalised to `YYYY-MM-DDTHH:MM:SS.sssZ` like stored times. */
export const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value).toISOString())
  .meta({ description: "ISO-8601 date or date-time; dates are midnight UTC" });

// ─── Audit API ───────────────────────────────────────────────────────────────────────────────

export const AuditEvent = z
  .object({
    id: z.string(),
    at: z.string(),
    type: z.string(),
    category: AuditCategory.nullable(),
    /** Employee id, `system` or `anonymous`. */
    actor: z.string(),
    /** Whose agent or account the event concerns. */
    employeeId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEvent" });
export type AuditEvent = z.infer<typeof AuditEvent>;

const AuditFilterFields = {
  type: AuditEventType.optional(),
  category: AuditCategory.optional(),
  actor: Ref.optional(),
  employeeId: Ref.optional(),
  /** Inclusive. */
  from: Instant.optional(),
  /** Exclusive. */
  to: Instant.optional(),
};

export const AuditListQuery = z.object({
  ...AuditFilterFields,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** `nextCursor` of the previous page: opaque. */
  cursor: z.string().max(256).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;
export type AuditFilter = Omit<AuditListQuery, "limit" | "cursor">;

export const AuditPage = z.object({
  /** Newest first. */
  events: z.array(AuditEvent),
  /** Pass as `cursor` for the next (older) page; null on the last page. Events written meanwhile never shift a page. */
  nextCursor: z.string().nullable(),
});

export const AuditExportQuery = z.object({ ...AuditFilterFields, format: z.enum(["csv", "jsonl"]).default("jsonl") });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const InsightsQuery = z.object({
  /** How far back the detectors look. */
  windowHours: z.coerce.number().int().min(1).max(720).default(24),
  /** Denials of one tool for one employee within the window that make a pattern. */
  denialThreshold: z.coerce.number().int().min(2).max(1000).default(3),
  /** A pending approval older than this is stale. */
  staleDays: z.coerce.number().int().min(1).max(90).default(7),
});
export type InsightsQuery = z.infer<typeof InsightsQuery>;

export const InsightKind = z.enum(["repeated_denials", "guardrail_spike", "stale_approval", "agent_without_channel"]);
export type InsightKind = z.infer<typeof InsightKind>;

export const Insight = z
  .object({
    kind: InsightKind,
    severity: z.enum(["info", "warning", "critical"]),
    summary: z.string(),
    employeeId: z.string().nullable(),
    count: z.number().int(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Insight" });
export type Insight = z.infer<typeof Insight>;

export const InsightReport = z.object({
  generatedAt: z.string(),
  windowHours: z.number().int(),
  insights: z.array(Insight),
  /** What a detector could not see, e.g. a table that does not exist yet. */
  notes: z.array(z.string()),
});
export type InsightReport = z.infer<typeof InsightReport>;

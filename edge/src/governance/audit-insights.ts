import type { Insight, InsightReport, InsightsQuery } from "@clawgate/contracts";
import { isAdmin, scopeFilter, type Scope } from "../auth/scope.ts";

/**
 * Detectors over recent audit events, within the caller's scope (a manager sees their subtree's
 * employees only). Each returns findings; none changes anything.
 */

const HOUR_MS = 3_600_000;
/** A guardrail spike: at least this many blocks in the window… */
const SPIKE_MIN_BLOCKS = 5;
/** …and this many times the average of the seven windows before it. */
const SPIKE_FACTOR = 3;
const BASELINE_WINDOWS = 7;
const LISTED_IDS = 100;

interface Context {
  db: D1Database;
  scope: Scope;
  query: InsightsQuery;
  now: Date;
  since: string;
}

export async function auditInsights(db: D1Database, scope: Scope, query: InsightsQuery, now = new Date()): Promise<InsightReport> {
  const context: Context = { db, scope, query, now, since: new Date(now.getTime() - query.windowHours * HOUR_MS).toISOString() };
  const found = await Promise.all([repeatedDenials(context), guardrailSpike(context), staleApprovals(context), agentsWithoutChannels(context)]);
  return {
    generatedAt: now.toISOString(),
    windowHours: query.windowHours,
    insights: found.flat(),
    notes: ["Agents without channels are read from channel_bindings, the D1 copy each pairing and unpairing writes after its ChannelIdentity object."],
  };
}

/** `employee_id` of an audit row (or `e.id`) is in the caller's scope. */
function employeeScope(scope: Scope, column: string): { sql: string; binds: string[] } {
  const filter = scopeFilter(scope, "department_id");
  return isAdmin(scope) ? { sql: "1 = 1", binds: [] } : { sql: `${column} IN (SELECT id FROM employees WHERE ${filter.sql})`, binds: filter.binds };
}

async function repeatedDenials({ db, scope, query, since }: Context): Promise<Insight[]> {
  const inScope = employeeScope(scope, "employee_id");
  const rows = await db
    .prepare(
      `SELECT employee_id, json_extract(detail, '$.tool') AS tool, COUNT(*) AS n, MIN(at) AS first_at, MAX(at) AS last_at
         FROM audit_events
        WHERE type = 'agent.tool_denied' AND at >= ? AND employee_id IS NOT NULL AND ${inScope.sql}
        GROUP BY employee_id, tool HAVING n >= ? ORDER BY n DESC, employee_id LIMIT 50`,
    )
    .bind(since, ...inScope.binds, query.denialThreshold)
    .all<{ employee_id: string; tool: string | null; n: number; first_at: string; last_at: string }>();
  return rows.results.map((r) => ({
    kind: "repeated_denials" as const,
    severity: r.n >= query.denialThreshold * 3 ? ("critical" as const) : ("warning" as const),
    summary: `${r.employee_id}'s agent was refused ${r.tool ?? "a tool"} ${r.n} times in ${query.windowHours} h`,
    employeeId: r.employee_id,
    count: r.n,
    detail: { tool: r.tool, firstAt: r.first_at, lastAt: r.last_at },
  }));
}

async function guardrailSpike({ db, scope, query, now, since }: Context): Promise<Insight[]> {
  const inScope = employeeScope(scope, "employee_id");
  const windowMs = query.windowHours * HOUR_MS;
  const baselineSince = new Date(now.getTime() - windowMs * (BASELINE_WINDOWS + 1)).toISOString();
  const [counts, top] = await db.batch([
    db
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN at >= ? THEN 1 ELSE 0 END), 0) AS recent, COALESCE(SUM(CASE WHEN at < ? THEN 1 ELSE 0 END), 0) AS before,
                COALESCE(SUM(CASE WHEN at >= ? AND json_extract(detail, '$.source') = 'input' THEN 1 ELSE 0 END), 0) AS input
           FROM audit_events WHERE type = 'guardrail.blocked' AND at >= ? AND ${inScope.sql}`,
      )
      .bind(since, since, since, baselineSince, ...inScope.binds),
    db
      .prepare(
        `SELECT employee_id, COUNT(*) AS n FROM audit_events
          WHERE type = 'guardrail.blocked' AND at >= ? AND employee_id IS NOT NULL AND ${inScope.sql}
          GROUP BY employee_id ORDER BY n DESC, employee_id LIMIT 5`,
      )
      .bind(since, ...inScope.binds),
  ]);
  const { recent, before, input } = (counts!.results as { recent: number; before: number; input: number }[])[0]!;
  const baseline = before / BASELINE_WINDOWS;
  if (recent < SPIKE_MIN_BLOCKS || recent < SPIKE_FACTOR * Math.max(baseline, 1)) return [];
  return [
    {
      kind: "guardrail_spike",
      severity: recent >= SPIKE_FACTOR * 3 * Math.max(baseline, 1) ? "critical" : "warning",
      summary: `${recent} guardrail blocks in ${query.windowHours} h, against an average of ${baseline.toFixed(1)} per ${query.windowHours} h before`,
      employeeId: null,
      count: recent,
      detail: {
        baselinePerWindow: baseline,
        input,
        output: recent - input,
        topEmployees: (top!.results as { employee_id: string; n: number }[]).map((r) => ({ employeeId: r.employee_id, count: r.n })),
      },
    },
  ];
}

async function staleApprovals({ db, scope, query, now }: Context): Promise<Insight[]> {
  const staleBefore = new Date(now.getTime() - query.staleDays * 24 * HOUR_MS).toISOString();
  const inScope = employeeScope(scope, "employee_id");
  const requests = await db
    .prepare(
      `SELECT id, employee_id, skill_name, created_at FROM skill_requests
        WHERE status = 'pending' AND created_at < ? AND ${inScope.sql} ORDER BY created_at LIMIT 100`,
    )
    .bind(staleBefore, ...inScope.binds)
    .all<{ id: string; employee_id: string; skill_name: string; created_at: string }>();
  const findings: Insight[] = requests.results.map((r) => ({
    kind: "stale_approval",
    severity: "warning",
    summary: `${r.employee_id}'s request for the skill ${r.skill_name} has waited since ${r.created_at.slice(0, 10)}`,
    employeeId: r.employee_id,
    count: 1,
    detail: { requestId: r.id, skill: r.skill_name, requestedAt: r.created_at },
  }));
  // Submitted packages are reviewed by admins only, so only admins are told they wait.
  if (!isAdmin(scope)) return findings;
  const submissions = await db
    .prepare("SELECT id, name, submitted_by, created_at FROM skill_submissions WHERE status = 'pending' AND created_at < ? ORDER BY created_at LIMIT 100")
    .bind(staleBefore)
    .all<{ id: string; name: string; submitted_by: string; created_at: string }>();
  return [
    ...findings,
    ...submissions.results.map((s) => ({
      kind: "stale_approval" as const,
      severity: "warning" as const,
      summary: `The skill package ${s.name} submitted by ${s.submitted_by} has waited for review since ${s.created_at.slice(0, 10)}`,
      employeeId: null,
      count: 1,
      detail: { submissionId: s.id, skill: s.name, submittedBy: s.submitted_by, submittedAt: s.created_at },
    })),
  ];
}

/** Employees with no IM binding, from the bindings' D1 copy (the authority is each account's ChannelIdentity DO). */
async function agentsWithoutChannels({ db, scope }: Context): Promise<Insight[]> {
  const filter = scopeFilter(scope, "e.department_id");
  const rows = await db
    .prepare(`SELECT e.id FROM employees e WHERE ${filter.sql} AND NOT EXISTS (SELECT 1 FROM channel_bindings b WHERE b.employee_id = e.id) ORDER BY e.id`)
    .bind(...filter.binds)
    .all<{ id: string }>();
  const ids = rows.results.map((r) => r.id);
  if (!ids.length) return [];
  return [
    {
      kind: "agent_without_channel",
      severity: "info",
      summary: `${ids.length} employee${ids.length === 1 ? "" : "s"} can reach their agent only through the portal: no IM channel is paired`,
      employeeId: null,
      count: ids.length,
      detail: { employeeIds: ids.slice(0, LISTED_IDS) },
    },
  ];
}

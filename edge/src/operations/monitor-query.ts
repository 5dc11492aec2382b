import { FAILURE_EVENT_TYPES, type ActiveSession, type FailureEntry, type RecentTurn } from "@clawgate/contracts";
import type { Scope } from "../auth/scope.ts";
import { employeeInScope } from "./employee-scope.ts";

const ACTIVE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Employees with a turn in the last 15 minutes, per access path (a session is per employee and
 * path, DESIGN §4). SQLite takes the bare runtime_id from the row holding MAX(at): the runtime of
 * the latest turn.
 */
export async function activeSessions(db: D1Database, scope: Scope, now: Date): Promise<ActiveSession[]> {
  const mine = employeeInScope(scope, "u.employee_id");
  const { results } = await db
    .prepare(
      `SELECT u.employee_id, e.name AS employee_name, u.access_path, u.runtime_id, r.name AS runtime_name, MAX(u.at) AS last_at, COUNT(*) AS turns
         FROM usage u
         LEFT JOIN employees e ON e.id = u.employee_id
         LEFT JOIN runtimes r ON r.id = u.runtime_id
        WHERE u.at >= ? AND ${mine.sql}
        GROUP BY u.employee_id, u.access_path
        ORDER BY last_at DESC LIMIT 200`,
    )
    .bind(new Date(now.getTime() - ACTIVE_WINDOW_MS).toISOString(), ...mine.binds)
    .all<{ employee_id: string; employee_name: string | null; access_path: string; runtime_id: string; runtime_name: string | null; last_at: string; turns: number }>();
  return results.map((r) => ({
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    accessPath: r.access_path,
    runtimeId: r.runtime_id,
    runtimeName: r.runtime_name,
    lastTurnAt: r.last_at,
    turns: r.turns,
  }));
}

/**
 * The latest usage rows. The duration is in the turn's invocation audit event, written in the same
 * batch with the same time and employee, so the (employee_id, at) index finds it.
 */
export async function recentTurns(db: D1Database, scope: Scope, limit: number): Promise<RecentTurn[]> {
  const mine = employeeInScope(scope, "u.employee_id");
  const { results } = await db
    .prepare(
      `SELECT u.turn_id, u.at, u.employee_id, e.name AS employee_name, u.access_path, u.model, u.input_tokens, u.output_tokens, u.cost_usd,
              (SELECT json_extract(a.detail, '$.durationMs') FROM audit_events a
                WHERE a.employee_id = u.employee_id AND a.at = u.at AND a.type IN ('agent.invocation', 'agent.turn_failed')
                  AND json_extract(a.detail, '$.turnId') = u.turn_id LIMIT 1) AS duration_ms
         FROM usage u
         LEFT JOIN employees e ON e.id = u.employee_id
        WHERE ${mine.sql}
        ORDER BY u.at DESC, u.id DESC LIMIT ?`,
    )
    .bind(...mine.binds, limit)
    .all<{ turn_id: string; at: string; employee_id: string; employee_name: string | null; access_path: string; model: string; input_tokens: number; output_tokens: number; cost_usd: number | null; duration_ms: number | null }>();
  return results.map((r) => ({
    turnId: r.turn_id,
    at: r.at,
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    accessPath: r.access_path,
    model: r.model,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    costUsd: r.cost_usd,
    durationMs: typeof r.duration_ms === "number" ? r.duration_ms : null,
  }));
}

type FailureType = (typeof FAILURE_EVENT_TYPES)[number];

const text = (value: unknown) => (typeof value === "string" && value ? value : null);

/** One line on what went wrong, from the event's metadata (never content: audit details hold none). */
function failureReason(type: FailureType, detail: Record<string, unknown>): string | null {
  switch (type) {
    case "agent.turn_failed":
      return text(detail.error);
    case "runtime.fallback":
      return `${text(detail.from) ?? "?"} → ${text(detail.to) ?? "?"}${text(detail.reason) ? `: ${text(detail.reason)}` : ""}`;
    case "guardrail.blocked": {
      const rules = Array.isArray(detail.rules) ? detail.rules.filter((rule) => typeof rule === "string").join(", ") : "";
      return [text(detail.source), rules].filter(Boolean).join(": ") || null;
    }
    case "guardrail.failed":
      return [text(detail.source), text(detail.error), detail.failedClosed === true ? "turn refused" : null].filter(Boolean).join(": ") || null;
    case "schedule.delivery_failed":
      return [text(detail.channel), text(detail.error)].filter(Boolean).join(": ") || null;
  }
}

export async function recentFailures(db: D1Database, scope: Scope, limit: number): Promise<FailureEntry[]> {
  const mine = employeeInScope(scope, "a.employee_id");
  const { results } = await db
    .prepare(
      `SELECT a.id, a.at, a.type, a.employee_id, e.name AS employee_name, a.detail
         FROM audit_events a
         LEFT JOIN employees e ON e.id = a.employee_id
        WHERE a.type IN (SELECT value FROM json_each(?)) AND ${mine.sql}
        ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    )
    .bind(JSON.stringify(FAILURE_EVENT_TYPES), ...mine.binds, limit)
    .all<{ id: string; at: string; type: FailureType; employee_id: string | null; employee_name: string | null; detail: string }>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    type: r.type,
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    reason: failureReason(r.type, JSON.parse(r.detail) as Record<string, unknown>)?.slice(0, 300) ?? null,
  }));
}

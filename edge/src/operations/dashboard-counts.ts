import { FAILURE_EVENT_TYPES, type DashboardCounts } from "@clawgate/contracts";
import { scopeFilter, type Scope } from "../auth/scope.ts";
import { employeeInScope } from "./employee-scope.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The dashboard's live numbers, each limited to the caller's scope, in one round trip. */
export async function dashboardCounts(db: D1Database, scope: Scope, now: Date): Promise<DashboardCounts> {
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  const midnight = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const departments = scopeFilter(scope, "department_id");
  const count = (sql: string, ...binds: unknown[]) => db.prepare(`SELECT COUNT(*) AS n FROM ${sql}`).bind(...binds);
  // Every table below names the employee it belongs to.
  const mine = employeeInScope(scope, "employee_id");
  const results = await db.batch<{ n: number }>([
    count(`employees WHERE ${departments.sql}`, ...departments.binds),
    db.prepare(`SELECT COUNT(DISTINCT employee_id) AS n FROM usage WHERE at >= ? AND ${mine.sql}`).bind(dayAgo, ...mine.binds),
    count(`usage WHERE at >= ? AND ${mine.sql}`, midnight, ...mine.binds),
    count(`channel_bindings WHERE ${mine.sql}`, ...mine.binds),
    count(`skill_requests WHERE status = 'pending' AND ${mine.sql}`, ...mine.binds),
    count(`audit_events WHERE type IN (SELECT value FROM json_each(?)) AND at >= ? AND ${mine.sql}`, JSON.stringify(FAILURE_EVENT_TYPES), dayAgo, ...mine.binds),
  ]);
  const [employees = 0, activeAgents24h = 0, turnsToday = 0, pairedAccounts = 0, pendingSkillRequests = 0, failures24h = 0] = results.map((r) => r.results[0]?.n ?? 0);
  return { employees, activeAgents24h, turnsToday, pairedAccounts, pendingSkillRequests, failures24h };
}

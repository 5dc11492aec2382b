import { testEnv } from "./seeded.ts";

/**
 * Test-only: audit events written straight into D1, many at once, at chosen times (tests read
 * them back through time-range filters, so the sign-ins the tests themselves cause never interfere).
 */
export interface EventSpec {
  count: number;
  /** Id prefix; ids are `<prefix>-000000`, `<prefix>-000001`, … */
  prefix: string;
  type: string;
  actor?: string;
  employeeId?: string | null;
  /** Time of the first event, and the step between events. */
  start: string;
  stepMs?: number;
  detail?: Record<string, unknown>;
}

export async function insertEvents(spec: EventSpec): Promise<void> {
  await testEnv.DB.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?1)
     INSERT INTO audit_events (id, at, type, actor, employee_id, detail)
     SELECT printf('%s-%06d', ?2, i), strftime('%Y-%m-%dT%H:%M:%fZ', ?3 / 1000.0 + i * ?4 / 1000.0, 'unixepoch'), ?5, ?6, ?7, ?8 FROM seq`,
  )
    .bind(spec.count, spec.prefix, Date.parse(spec.start), spec.stepMs ?? 1000, spec.type, spec.actor ?? "system", spec.employeeId ?? null, JSON.stringify(spec.detail ?? {}))
    .run();
}

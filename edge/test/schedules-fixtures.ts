import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { InvocationRequest, ScheduleChange } from "@clawgate/contracts";
import { expect } from "vitest";
import type { TurnOutcome } from "@clawgate/durable-objects";
import { scheduleClock } from "../../durable-objects/src/schedules/clock.ts";
import { echoResult, json, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { testEnv } from "./seeded.ts";

/** Test-only: state in an employee's EmployeeAgent as a turn of their agent and a scheduled run leave it. */
const storageOf = <T>(employeeId: string, write: (sql: SqlStorage) => T) =>
  runInDurableObject(testEnv.EMPLOYEE_AGENT.getByName(employeeId), (_instance, state) => write(state.storage.sql));

/** A daily schedule the employee's agent set (tables from durable-objects/src/employee-agent/schema.ts). */
export async function freshSchedule(employeeId: string): Promise<string> {
  const id = `job-${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  await storageOf(employeeId, (sql) =>
    sql.exec(
      "INSERT INTO schedules (id, name, prompt, timing, status, anchor_ms, next_due_ms, created_at, updated_at) VALUES (?, 'Fixture', 'Remind me', ?, 'active', ?, ?, ?, ?)",
      id,
      JSON.stringify({ kind: "every", everyMs: 86_400_000 }),
      now,
      now + 86_400_000,
      new Date(now).toISOString(),
      new Date(now).toISOString(),
    ),
  );
  return id;
}

/** An unread inbox item of the employee: a scheduled run's reply. */
export async function freshInboxItem(employeeId: string): Promise<string> {
  const id = `inb-${crypto.randomUUID().slice(0, 8)}`;
  await storageOf(employeeId, (sql) =>
    sql.exec("INSERT INTO inbox (id, schedule_id, turn_id, title, text, created_at) VALUES (?, NULL, ?, 'Fixture', 'Reminder', ?)", id, `turn-${id}`, new Date().toISOString()),
  );
  return id;
}

const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);
export const at = (iso: string) => () => Date.parse(iso);

export const morningEmail = (id: string): ScheduleChange => ({
  op: "upsert",
  schedule: { id, name: "Morning email", prompt: "Remind me to check my email", timing: { kind: "cron", expr: "0 7 * * *", tz: "America/New_York" }, enabled: true },
});

/** The employee's agent creates `changes` in one turn (as the container harvests them from OpenClaw's cron tool); later turns echo "done: …". */
export async function agentCreatesSchedules(runtime: FakeRuntime, employeeId: string, changes: ScheduleChange[]): Promise<void> {
  runtime.respond = (request: InvocationRequest) =>
    json(echoResult(request, request.message.startsWith("set up") ? { schedules: changes } : { reply: `done: ${request.message}` }));
  scheduleClock.now = at("2027-03-13T13:00:00Z");
  const outcome = (await agent(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message: "set up my reminders" })) as TurnOutcome;
  expect(outcome.ok).toBe(true);
}

/** The 07:00 New York run of 14 March 2027 fires. */
export async function fireMorningRun(employeeId: string): Promise<void> {
  scheduleClock.now = at("2027-03-14T11:00:05Z");
  await runDurableObjectAlarm(agent(employeeId));
}

/** A Telegram account paired with the employee, as pairing leaves it in D1 (see telegram-channel.test.ts for the pairing dialogue itself). */
export async function pairTelegram(employeeId: string, userId: number, lastActivityAt: string | null = null): Promise<void> {
  await testEnv.DB.prepare("INSERT INTO channel_bindings (id, channel, platform_user_id, employee_id, paired_at, last_activity_at) VALUES (?, 'telegram', ?, ?, ?, ?)")
    .bind(`chb_${crypto.randomUUID()}`, String(userId), employeeId, "2027-01-01T00:00:00Z", lastActivityAt)
    .run();
}

export async function auditOf(employeeId: string, type: string): Promise<Array<{ actor: string; detail: Record<string, unknown> }>> {
  const { results } = await testEnv.DB.prepare("SELECT actor, detail FROM audit_events WHERE employee_id = ? AND type = ? ORDER BY at").bind(employeeId, type).all<{ actor: string; detail: string }>();
  return results.map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

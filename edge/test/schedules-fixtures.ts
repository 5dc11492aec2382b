import { runInDurableObject } from "cloudflare:test";
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

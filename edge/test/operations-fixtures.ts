import { monotonicFactory } from "ulid";
import { testEnv } from "./seeded.ts";

// Monotonic: events written within one millisecond still sort in the order they were written.
const ulid = monotonicFactory();

/** Test-only: the rows a turn leaves behind (usage row + invocation audit event), and other audit events, written as the turn path writes them. */
export async function recordTurn(employeeId: string, options: { at?: Date; model?: string; accessPath?: string; durationMs?: number } = {}): Promise<string> {
  const at = (options.at ?? new Date()).toISOString();
  const turnId = `turn-${ulid()}`;
  const model = options.model ?? "clawgate-offline";
  await testEnv.DB.batch([
    testEnv.DB.prepare(
      "INSERT INTO usage (id, at, employee_id, turn_id, access_path, runtime_id, model, input_tokens, output_tokens, cost_usd, priced) VALUES (?, ?, ?, ?, ?, 'rt-standard', ?, 120, 30, 0.001, 1)",
    ).bind(ulid(), at, employeeId, turnId, options.accessPath ?? "employee", model),
    testEnv.DB.prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, 'agent.invocation', ?, ?, ?)").bind(
      ulid(),
      at,
      employeeId,
      employeeId,
      JSON.stringify({ turnId, accessPath: options.accessPath ?? "employee", model, durationMs: options.durationMs ?? 1234 }),
    ),
  ]);
  return turnId;
}

export async function recordEvent(type: string, employeeId: string | null, detail: Record<string, unknown> = {}, actor = employeeId ?? "system"): Promise<string> {
  const id = ulid();
  await testEnv.DB.prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(id, new Date().toISOString(), type, actor, employeeId, JSON.stringify(detail))
    .run();
  return id;
}

import type { ChatResult } from "@clawgate/contracts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnOutcome } from "../src/index.ts";
import { seedAcme, testEnv } from "../../edge/test/seeded.ts";
import { fakeRuntime, type FakeRuntime } from "./fake-runtime.ts";

/**
 * Budgets enforced in the turn path (turn/checks-budget.ts) over the ACME org. Spending is
 * recorded as priced usage rows earlier this month; the fake runtime answers with the offline
 * model, which costs nothing, so a test's turns never move its own figures.
 */
let runtime: FakeRuntime;
const db = () => testEnv.DB;
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);

async function ask(employeeId: string, message: string): Promise<ChatResult> {
  const outcome = (await agent(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message })) as TurnOutcome;
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.result;
}

async function spent(employeeId: string, costUsd: number) {
  const id = crypto.randomUUID();
  await db()
    .prepare(
      `INSERT INTO usage (id, at, employee_id, turn_id, access_path, runtime_id, model, input_tokens, output_tokens, cost_usd, priced)
       VALUES (?, ?, ?, ?, 'employee', 'rt-standard', 'us.anthropic.claude-sonnet-4-6', 1000, 100, ?, 1)`,
    )
    .bind(id, new Date(Date.now() - 1000).toISOString(), employeeId, `earlier-${id}`, costUsd)
    .run();
}

async function budget(scope: "global" | "department" | "employee", scopeId: string, limitUsd: number) {
  await db()
    .prepare("INSERT INTO budgets (id, scope, scope_id, monthly_limit_usd, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, '', '', 'emp-jiade')")
    .bind(`bud-${crypto.randomUUID()}`, scope, scopeId, limitUsd)
    .run();
}

const auditOf = async (employeeId: string) =>
  (
    await db()
      .prepare("SELECT type, detail FROM audit_events WHERE employee_id = ? AND type LIKE 'budget.%' ORDER BY id")
      .bind(employeeId)
      .all<{ type: string; detail: string }>()
  ).results.map((r) => ({ type: r.type, detail: JSON.parse(r.detail) as Record<string, unknown> }));

const month = () => new Date().toISOString().slice(0, 7);

describe("budgets enforced before any invocation", () => {
  beforeAll(seedAcme);
  afterEach(async () => {
    runtime?.restore();
    await db().batch([db().prepare("DELETE FROM budgets"), db().prepare("DELETE FROM budget_exceptions")]);
  });

  it("refuses an over-budget employee with which budget, limit, spend and whom to ask; the model is never called", async () => {
    runtime = fakeRuntime();
    await budget("employee", "emp-david", 5);
    await spent("emp-david", 5.25);
    const result = await ask("emp-david", "summarise the month-end close");
    expect(runtime.invocations).toHaveLength(0);
    expect(result).toMatchObject({ outcome: "refused", usage: { inputTokens: 0, outputTokens: 0 }, toolEvents: [] });
    expect(result.reply).toContain("$5.25 of your personal monthly budget of $5.00");
    expect(result.reply).toContain("Chris Morgan, JiaDe Wang");
    expect((await db().prepare("SELECT COUNT(*) AS n FROM usage WHERE turn_id = ?").bind(result.turnId).first<{ n: number }>())!.n).toBe(0);
    const audit = await auditOf("emp-david");
    expect(audit).toEqual([
      { type: "budget.refused", detail: { turnId: result.turnId, month: month(), level: "employee", budgetId: expect.any(String), limitUsd: 5, spentUsd: 5.25 } },
    ]);
    expect(JSON.stringify(audit)).not.toContain("month-end close");
    // The refusal is a turn in the transcript, with its outcome.
    expect((await agent("emp-david").transcript()).at(-1)).toMatchObject({ message: "summarise the month-end close", status: "done", outcome: "refused", reply: result.reply });
  });

  it("names the department whose budget applies, and streams the refusal as the result", async () => {
    runtime = fakeRuntime();
    await budget("department", "dept-finance", 1);
    await spent("emp-carol", 1);
    const stream = await agent("emp-carol").stream({ employeeId: "emp-carol", accessPath: "employee", sourceMessageId: "portal:budget-1", message: "hello" });
    const text = await new Response(stream).text();
    expect(text).toContain("event: result");
    expect(text).toContain("the Finance department's monthly budget of $1.00");
    expect(runtime.invocations).toHaveLength(0);
  });

  it("warns at 80 % on every turn but audits the warning once a month", async () => {
    runtime = fakeRuntime();
    await budget("employee", "emp-tom", 10);
    await spent("emp-tom", 8.5);
    const first = await ask("emp-tom", "first");
    const second = await ask("emp-tom", "second");
    expect(runtime.invocations).toHaveLength(2);
    for (const result of [first, second]) {
      expect(result.outcome).toBe("answered");
      expect(result.notices).toEqual([{ kind: "budget_warning", message: expect.stringContaining("85 % of your $10.00 monthly budget") }]);
    }
    expect(await auditOf("emp-tom")).toEqual([
      { type: "budget.warned", detail: { turnId: first.turnId, month: month(), level: "employee", budgetId: expect.any(String), limitUsd: 10, spentUsd: 8.5, threshold: 80 } },
    ]);
  });

  it("lets the turn through under an admin's exception, with a notice, audited once", async () => {
    runtime = fakeRuntime();
    await budget("global", "*", 2);
    await spent("emp-sarah", 3);
    await db()
      .prepare("INSERT INTO budget_exceptions (id, employee_id, reason, granted_by, granted_at, expires_at) VALUES ('bex-sarah', 'emp-sarah', 'quarter close', 'emp-jiade', ?, ?)")
      .bind(new Date(Date.now() - 60_000).toISOString(), new Date(Date.now() + 86_400_000).toISOString())
      .run();
    const result = await ask("emp-sarah", "draft the renewal email");
    expect(runtime.invocations).toHaveLength(1);
    expect(result).toMatchObject({ outcome: "answered", reply: "echo: draft the renewal email", notices: [{ kind: "budget_exception" }] });
    expect(await auditOf("emp-sarah")).toEqual([
      { type: "budget.warned", detail: expect.objectContaining({ level: "global", threshold: 100, exceptionId: "bex-sarah", limitUsd: 2, spentUsd: 3 }) },
    ]);

    // Revoked: the next turn is refused.
    await db().prepare("UPDATE budget_exceptions SET revoked_at = ? WHERE id = 'bex-sarah'").bind(new Date().toISOString()).run();
    expect((await ask("emp-sarah", "again")).outcome).toBe("refused");
    expect(runtime.invocations).toHaveLength(1);
  });

  it("runs without notices under the warning threshold or without any budget", async () => {
    runtime = fakeRuntime();
    const result = await ask("emp-alex", "plan the roadmap review");
    expect(result.outcome).toBe("answered");
    expect(result.notices).toBeUndefined();
    await budget("employee", "emp-alex", 100);
    await spent("emp-alex", 10);
    expect((await ask("emp-alex", "again")).notices).toBeUndefined();
    expect(await auditOf("emp-alex")).toEqual([]);
  });
});

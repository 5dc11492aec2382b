import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { budgetState } from "../src/turn/budget.ts";
import { seedAcme, testEnv } from "../../edge/test/seeded.ts";

/**
 * budgetState over the ACME org: Ryan sits in Backend Team, under Engineering. Each test spends in
 * its own month, since usage rows are append-only; budgets and exceptions are cleared after each.
 */
const db = () => testEnv.DB;
let turn = 0;

async function spend(employeeId: string, at: string, costUsd: number | null) {
  turn += 1;
  await db()
    .prepare(
      `INSERT INTO usage (id, at, employee_id, turn_id, access_path, runtime_id, model, input_tokens, output_tokens, cost_usd, priced)
       VALUES (?, ?, ?, ?, 'employee', 'rt-standard', ?, 1000, 100, ?, ?)`,
    )
    .bind(`u-${turn}`, at, employeeId, `turn-budget-${turn}`, costUsd === null ? "mystery-model" : "clawgate-offline", costUsd, costUsd === null ? 0 : 1)
    .run();
}

async function budget(scope: "global" | "department" | "employee", scopeId: string, limit: number) {
  const id = `bud-${scope}-${scopeId}`;
  await db()
    .prepare("INSERT INTO budgets (id, scope, scope_id, monthly_limit_usd, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 'emp-jiade')")
    .bind(id, scope, scopeId, limit, "2030-01-01T00:00:00.000Z", "2030-01-01T00:00:00.000Z")
    .run();
  return id;
}

async function exception(employeeId: string, grantedAt: string, expiresAt: string, revokedAt: string | null = null) {
  const id = `bex-${crypto.randomUUID()}`;
  await db()
    .prepare("INSERT INTO budget_exceptions (id, employee_id, reason, granted_by, granted_at, expires_at, revoked_at) VALUES (?, ?, 'quarter close', 'emp-jiade', ?, ?, ?)")
    .bind(id, employeeId, grantedAt, expiresAt, revokedAt)
    .run();
  return id;
}

describe("budgetState", () => {
  beforeAll(seedAcme);
  afterEach(async () => {
    await db().batch([db().prepare("DELETE FROM budgets"), db().prepare("DELETE FROM budget_exceptions")]);
  });

  it("reports no limit when no level has a budget, and still sums the month's spend", async () => {
    await spend("emp-ryan", "2031-01-03T10:00:00.000Z", 1.25);
    await spend("emp-ryan", "2031-01-20T10:00:00.000Z", 0.5);
    const state = await budgetState(db(), "emp-ryan", new Date("2031-01-25T00:00:00.000Z"));
    expect(state).toEqual({
      month: "2031-01",
      limitUsd: null,
      spentUsd: 1.75,
      unpricedTurns: 0,
      level: "none",
      source: null,
      warn: false,
      exceeded: false,
      exception: null,
      refuseTurns: false,
    });
  });

  it("applies the most specific budget: employee, then the nearest department up the tree, then global", async () => {
    const at = new Date("2031-02-10T00:00:00.000Z");
    const global = await budget("global", "*", 100);
    expect(await budgetState(db(), "emp-ryan", at)).toMatchObject({ level: "global", limitUsd: 100, source: { budgetId: global, scope: "global", scopeId: null } });

    const engineering = await budget("department", "dept-eng", 50);
    expect(await budgetState(db(), "emp-ryan", at)).toMatchObject({ level: "department", limitUsd: 50, source: { budgetId: engineering, scopeId: "dept-eng" } });
    // Someone outside Engineering still falls under the global budget.
    expect(await budgetState(db(), "emp-carol", at)).toMatchObject({ level: "global", limitUsd: 100 });

    const backend = await budget("department", "dept-eng-backend", 30);
    expect(await budgetState(db(), "emp-ryan", at)).toMatchObject({ level: "department", limitUsd: 30, source: { budgetId: backend, scopeId: "dept-eng-backend" } });
    // A sibling team keeps Engineering's.
    expect(await budgetState(db(), "emp-nathan", at)).toMatchObject({ limitUsd: 50, source: { scopeId: "dept-eng" } });

    const own = await budget("employee", "emp-ryan", 5);
    expect(await budgetState(db(), "emp-ryan", at)).toMatchObject({ level: "employee", limitUsd: 5, source: { budgetId: own, scope: "employee", scopeId: "emp-ryan" } });
  });

  it("counts only the calendar month of `at`, up to `at`, and keeps unpriced turns apart", async () => {
    await spend("emp-sophie", "2031-02-28T23:59:59.999Z", 40);
    await spend("emp-sophie", "2031-03-01T00:00:00.000Z", 2);
    await spend("emp-sophie", "2031-03-15T00:00:00.000Z", null);
    await spend("emp-sophie", "2031-03-20T00:00:00.000Z", 7);
    await spend("emp-ryan", "2031-03-02T00:00:00.000Z", 90);
    const state = await budgetState(db(), "emp-sophie", new Date("2031-03-16T00:00:00.000Z"));
    expect(state).toMatchObject({ month: "2031-03", spentUsd: 2, unpricedTurns: 1 });
  });

  it("warns from 80 % and refuses turns at 100 %", async () => {
    await budget("employee", "emp-tony", 10);
    await spend("emp-tony", "2031-04-02T00:00:00.000Z", 7.99);
    expect(await budgetState(db(), "emp-tony", new Date("2031-04-03T00:00:00.000Z"))).toMatchObject({ warn: false, exceeded: false, refuseTurns: false });
    await spend("emp-tony", "2031-04-04T00:00:00.000Z", 0.01);
    expect(await budgetState(db(), "emp-tony", new Date("2031-04-05T00:00:00.000Z"))).toMatchObject({ spentUsd: 8, warn: true, exceeded: false, refuseTurns: false });
    await spend("emp-tony", "2031-04-06T00:00:00.000Z", 2);
    expect(await budgetState(db(), "emp-tony", new Date("2031-04-07T00:00:00.000Z"))).toMatchObject({ spentUsd: 10, warn: true, exceeded: true, refuseTurns: true });
    // The next month starts afresh.
    expect(await budgetState(db(), "emp-tony", new Date("2031-05-01T00:00:00.000Z"))).toMatchObject({ spentUsd: 0, exceeded: false, refuseTurns: false });
  });

  it("lets an exception in force keep an exceeded employee working, and ignores expired, revoked or future ones", async () => {
    await budget("employee", "emp-lisa", 1);
    await spend("emp-lisa", "2031-06-02T00:00:00.000Z", 3);
    const at = new Date("2031-06-10T00:00:00.000Z");
    await exception("emp-lisa", "2031-06-01T00:00:00.000Z", "2031-06-05T00:00:00.000Z");
    await exception("emp-lisa", "2031-06-01T00:00:00.000Z", "2031-06-30T00:00:00.000Z", "2031-06-09T00:00:00.000Z");
    await exception("emp-lisa", "2031-06-11T00:00:00.000Z", "2031-06-30T00:00:00.000Z");
    await exception("emp-marcus", "2031-06-01T00:00:00.000Z", "2031-06-30T00:00:00.000Z");
    expect(await budgetState(db(), "emp-lisa", at)).toMatchObject({ exceeded: true, exception: null, refuseTurns: true });

    const granted = await exception("emp-lisa", "2031-06-09T00:00:00.000Z", "2031-06-20T00:00:00.000Z");
    expect(await budgetState(db(), "emp-lisa", at)).toMatchObject({
      exceeded: true,
      exception: { id: granted, expiresAt: "2031-06-20T00:00:00.000Z", grantedBy: "emp-jiade" },
      refuseTurns: false,
    });
    // Expiry is exclusive: at the instant it lapses, it no longer holds.
    expect(await budgetState(db(), "emp-lisa", new Date("2031-06-30T00:00:00.000Z"))).toMatchObject({ exception: null, refuseTurns: true });
  });

  it("treats a zero limit as no spending at all", async () => {
    await budget("employee", "emp-emma", 0);
    expect(await budgetState(db(), "emp-emma", new Date("2031-07-01T00:00:00.000Z"))).toMatchObject({ limitUsd: 0, exceeded: true, refuseTurns: true });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Budget } from "@clawgate/contracts";
import { auditEvents, client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** Budgets and exceptions through the admin API: validation, the most specific level, scope, audit. */
type Client = ReturnType<typeof client>;
let admin: Client;
let mike: Client;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function create(body: unknown) {
  const res = await admin.post("/api/admin/budgets", body);
  expect(res.status).toBe(201);
  return res.body as Budget;
}

const stateOf = async (c: Client, employeeId: string) => (await c.get(`/api/admin/budgets/employees/${employeeId}`)).body;

describe("budgets API", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    mike = client(await signInAs("emp-mike"));
  });

  it("sets budgets at each level, and the most specific one applies", async () => {
    const global = await create({ scope: "global", monthlyLimitUsd: 200 });
    expect(global).toMatchObject({ scope: "global", scopeId: null, monthlyLimitUsd: 200, updatedBy: "emp-jiade" });
    expect(await stateOf(admin, "emp-sarah")).toMatchObject({ level: "global", limitUsd: 200, source: { budgetId: global.id } });

    const sales = await create({ scope: "department", scopeId: "dept-sales", monthlyLimitUsd: 80 });
    expect(await stateOf(admin, "emp-sarah")).toMatchObject({ level: "department", limitUsd: 80, source: { budgetId: sales.id, scopeId: "dept-sales" } });
    const sarah = await create({ scope: "employee", scopeId: "emp-sarah", monthlyLimitUsd: 20 });
    expect(await stateOf(admin, "emp-sarah")).toMatchObject({ level: "employee", limitUsd: 20 });

    const changed = await admin.patch(`/api/admin/budgets/${sarah.id}`, { monthlyLimitUsd: 25 });
    expect(changed.status).toBe(200);
    expect(changed.body.monthlyLimitUsd).toBe(25);
    expect((await admin.delete(`/api/admin/budgets/${sarah.id}`)).status).toBe(200);
    expect(await stateOf(admin, "emp-sarah")).toMatchObject({ level: "department", limitUsd: 80 });
    expect((await admin.delete(`/api/admin/budgets/${sarah.id}`)).status).toBe(404);

    const audited = [...(await auditEvents("budget.created")), ...(await auditEvents("budget.updated")), ...(await auditEvents("budget.deleted"))].filter((e) => e.detail.budgetId === sarah.id);
    expect(audited.map((e) => [e.actor, e.employee_id])).toEqual([["emp-jiade", "emp-sarah"], ["emp-jiade", "emp-sarah"], ["emp-jiade", "emp-sarah"]]);
    expect(audited[1]!.detail).toMatchObject({ monthlyLimitUsd: { from: 20, to: 25 } });
  });

  it("refuses invalid budgets and a second budget for the same scope, writing nothing", async () => {
    const before = (await admin.get("/api/admin/budgets")).body.budgets.length;
    for (const body of [
      { scope: "global", scopeId: "dept-sales", monthlyLimitUsd: 10 },
      { scope: "department", monthlyLimitUsd: 10 },
      { scope: "department", scopeId: "dept-nowhere", monthlyLimitUsd: 10 },
      { scope: "employee", scopeId: "emp-nobody", monthlyLimitUsd: 10 },
      { scope: "team", scopeId: "dept-sales", monthlyLimitUsd: 10 },
      { scope: "employee", scopeId: "emp-tom", monthlyLimitUsd: -1 },
    ]) {
      expect((await admin.post("/api/admin/budgets", body)).status, JSON.stringify(body)).toBe(400);
    }
    await create({ scope: "department", scopeId: "dept-finance", monthlyLimitUsd: 50 });
    const again = await admin.post("/api/admin/budgets", { scope: "department", scopeId: "dept-finance", monthlyLimitUsd: 60 });
    expect(again.status).toBe(409);
    const budgets = (await admin.get("/api/admin/budgets")).body.budgets as Budget[];
    expect(budgets).toHaveLength(before + 1);
    expect(budgets.find((b) => b.scopeId === "dept-finance")?.monthlyLimitUsd).toBe(50);
  });

  it("grants an exception until it expires, revokes it once, and audits both", async () => {
    await create({ scope: "employee", scopeId: "emp-tom", monthlyLimitUsd: 0 });
    expect(await stateOf(admin, "emp-tom")).toMatchObject({ exceeded: true, refuseTurns: true, exception: null });

    const granted = await admin.post("/api/admin/budgets/exceptions", { employeeId: "emp-tom", reason: "customer demo week", expiresAt: inDays(7) });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ employeeId: "emp-tom", grantedBy: "emp-jiade", reason: "customer demo week", active: true, revokedAt: null });
    expect(await stateOf(admin, "emp-tom")).toMatchObject({ exceeded: true, refuseTurns: false, exception: { id: granted.body.id } });

    const revoked = await admin.delete(`/api/admin/budgets/exceptions/${granted.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(await stateOf(admin, "emp-tom")).toMatchObject({ refuseTurns: true, exception: null });
    expect((await admin.delete(`/api/admin/budgets/exceptions/${granted.body.id}`)).status).toBe(409);

    expect((await auditEvents("budget.exception_granted")).find((e) => e.detail.exceptionId === granted.body.id)).toMatchObject({ actor: "emp-jiade", employee_id: "emp-tom", detail: { reason: "customer demo week" } });
    expect((await auditEvents("budget.exception_revoked")).find((e) => e.detail.exceptionId === granted.body.id)).toMatchObject({ actor: "emp-jiade", employee_id: "emp-tom" });
  });

  it("refuses exceptions in the past, too far ahead, or for nobody", async () => {
    const post = (body: unknown) => admin.post("/api/admin/budgets/exceptions", body);
    expect((await post({ employeeId: "emp-tom", reason: "late", expiresAt: inDays(-1) })).status).toBe(400);
    expect((await post({ employeeId: "emp-tom", reason: "forever", expiresAt: inDays(400) })).status).toBe(400);
    expect((await post({ employeeId: "emp-nobody", reason: "who", expiresAt: inDays(1) })).status).toBe(400);
    expect((await post({ employeeId: "emp-tom", reason: "", expiresAt: inDays(1) })).status).toBe(400);
    expect((await post({ employeeId: "emp-tom", reason: "no time zone", expiresAt: "2099-01-01T00:00:00" })).status).toBe(400);
  });

  it("shows a manager the budgets bearing on his people, read-only", async () => {
    const carol = await create({ scope: "employee", scopeId: "emp-carol", monthlyLimitUsd: 5 });
    const sarah = await create({ scope: "employee", scopeId: "emp-sarah", monthlyLimitUsd: 15 });
    const listed = (await mike.get("/api/admin/budgets")).body;
    const scopes = (listed.budgets as Budget[]).map((b) => `${b.scope}:${b.scopeId}`);
    // Global and Sales (above him) apply to his people; Finance and Carol do not concern him.
    expect(scopes).toEqual(expect.arrayContaining(["global:null", "department:dept-sales", "employee:emp-sarah"]));
    expect(scopes).not.toContain("department:dept-finance");
    expect(scopes).not.toContain("employee:emp-carol");
    expect(listed.exceptions.every((x: { employeeId: string }) => ["emp-sarah", "emp-mike"].includes(x.employeeId))).toBe(true);

    expect((await mike.patch(`/api/admin/budgets/${sarah.id}`, { monthlyLimitUsd: 100 })).status).toBe(403);
    expect((await mike.patch(`/api/admin/budgets/${carol.id}`, { monthlyLimitUsd: 100 })).status).toBe(404);
    expect((await mike.post("/api/admin/budgets", { scope: "employee", scopeId: "emp-mike", monthlyLimitUsd: 1000 })).status).toBe(403);
    expect((await mike.post("/api/admin/budgets/exceptions", { employeeId: "emp-sarah", reason: "please", expiresAt: inDays(1) })).status).toBe(403);
    expect(await stateOf(mike, "emp-sarah")).toMatchObject({ level: "employee", limitUsd: 15 });
    expect((await mike.get("/api/admin/budgets/employees/emp-carol")).status).toBe(404);
    expect((await admin.get("/api/admin/budgets/employees/emp-nobody")).status).toBe(404);
  });

  it("drops an employee's budget and exceptions with the employee", async () => {
    const hire = await admin.post("/api/admin/employees", { name: "Short Stay", employeeNumber: "EMP-900", email: "short@acme.example", positionId: "pos-ae", departmentId: "dept-sales-smb" });
    expect(hire.status).toBe(201);
    const id = hire.body.employee.id as string;
    await create({ scope: "employee", scopeId: id, monthlyLimitUsd: 3 });
    expect((await admin.post("/api/admin/budgets/exceptions", { employeeId: id, reason: "onboarding", expiresAt: inDays(3) })).status).toBe(201);
    expect((await admin.delete(`/api/admin/employees/${id}`)).status).toBe(200);
    const left = await testEnv.DB.batch([
      testEnv.DB.prepare("SELECT COUNT(*) AS n FROM budgets WHERE scope_id = ?").bind(id),
      testEnv.DB.prepare("SELECT COUNT(*) AS n FROM budget_exceptions WHERE employee_id = ?").bind(id),
    ]);
    expect(left.map((r) => (r.results[0] as { n: number }).n)).toEqual([0, 0]);
  });
});

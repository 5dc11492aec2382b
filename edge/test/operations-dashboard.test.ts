import { beforeAll, describe, expect, it } from "vitest";
import { client, signInAs } from "./org-client.ts";
import { recordEvent, recordTurn } from "./operations-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/**
 * GET /api/admin/dashboard: the setup checklist from the real state (admins only), live counts and
 * recent activity in the caller's scope. Mike manages Enterprise Sales (Sarah); Carol is Finance.
 */
type Client = ReturnType<typeof client>;

describe("admin dashboard", () => {
  let admin: Client;
  let manager: Client;

  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });

  const dashboard = async (who: Client) => {
    const res = await who.get("/api/admin/dashboard");
    expect(res.status).toBe(200);
    return res.body;
  };
  const item = (body: { checklist: { id: string }[] }, id: string) => body.checklist.find((i) => i.id === id);

  it("computes the checklist from the seeded state, and the model item from the latest turn", async () => {
    const before = await dashboard(admin);
    expect(before.organisationName).toBe("ACME Corp");
    expect(before.checklist.map((i: { id: string }) => i.id)).toEqual(["global_soul", "position_config", "model", "im_bot", "employees", "budget"]);
    expect(item(before, "global_soul")).toMatchObject({ done: true });
    expect(item(before, "position_config")!).toMatchObject({ done: true, count: expect.any(Number) });
    expect(item(before, "im_bot")).toMatchObject({ done: true, value: expect.stringContaining("telegram") });
    expect(item(before, "employees")).toMatchObject({ done: true });
    expect(item(before, "budget")).toMatchObject({ done: false, count: 0 });

    await recordTurn("emp-sarah", { model: "clawgate-offline", at: new Date(Date.now() - 2000) });
    expect(item(await dashboard(admin), "model")).toMatchObject({ done: false, value: "clawgate-offline" });
    await recordTurn("emp-sarah", { model: "us.amazon.nova-pro-v1:0", at: new Date(Date.now() - 1000) });
    expect(item(await dashboard(admin), "model")).toMatchObject({ done: true, value: "us.amazon.nova-pro-v1:0" });

    await testEnv.DB.prepare("INSERT INTO budgets (id, scope, scope_id, monthly_limit_usd, created_at, updated_at, updated_by) VALUES ('b-dash', 'global', '*', 50, ?1, ?1, 'emp-jiade')")
      .bind(new Date().toISOString())
      .run();
    expect(item(await dashboard(admin), "budget")).toMatchObject({ done: true, count: 1 });
  });

  it("gives a manager no checklist and counts of their subtree only", async () => {
    const adminBefore = (await dashboard(admin)).counts;
    const managerBefore = await dashboard(manager);
    expect(managerBefore.checklist).toBeNull();
    expect(managerBefore.counts.employees).toBeLessThan(adminBefore.employees);
    const subtree = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM employees WHERE department_id = 'dept-sales-ent'").first<{ n: number }>();
    expect(managerBefore.counts.employees).toBe(subtree!.n);

    await recordTurn("emp-carol");
    await recordEvent("agent.turn_failed", "emp-carol", { error: "runtime unreachable" });
    await testEnv.DB.prepare("INSERT INTO skill_requests (id, employee_id, skill_name, status, created_at) VALUES ('sr-dash-carol', 'emp-carol', 'github', 'pending', ?)").bind(new Date().toISOString()).run();
    let admins = (await dashboard(admin)).counts;
    let managers = (await dashboard(manager)).counts;
    expect(admins.turnsToday - adminBefore.turnsToday).toBe(1);
    expect(admins.failures24h - adminBefore.failures24h).toBe(1);
    expect(admins.pendingSkillRequests - adminBefore.pendingSkillRequests).toBe(1);
    expect(managers).toEqual(managerBefore.counts);

    await recordTurn("emp-sarah", { accessPath: "playground" });
    await recordEvent("guardrail.blocked", "emp-sarah", { source: "input", rules: ["pii"] });
    await testEnv.DB.prepare("INSERT INTO channel_bindings (id, channel, platform_user_id, employee_id, paired_at) VALUES ('chb-dash', 'telegram', 'tg-dash', 'emp-sarah', ?)").bind(new Date().toISOString()).run();
    admins = (await dashboard(admin)).counts;
    managers = (await dashboard(manager)).counts;
    expect(managers.turnsToday - managerBefore.counts.turnsToday).toBe(1);
    expect(managers.failures24h - managerBefore.counts.failures24h).toBe(1);
    expect(managers.pairedAccounts - managerBefore.counts.pairedAccounts).toBe(1);
    expect(managers.activeAgents24h).toBeGreaterThanOrEqual(1);
    expect(admins.activeAgents24h - managers.activeAgents24h).toBeGreaterThanOrEqual(1);
  });

  it("lists the latest 10 audit events in scope with names, never their detail", async () => {
    const carols = await recordEvent("skill.requested", "emp-carol", { skill: "github" });
    const sarahs = await recordEvent("channel.paired", "emp-sarah", { channel: "telegram" });
    const adminView = (await dashboard(admin)).activity;
    expect(adminView).toHaveLength(10);
    expect(adminView[0]).toEqual({ id: sarahs, at: expect.any(String), type: "channel.paired", category: "pairing", actor: "emp-sarah", actorName: "Sarah Kim", employeeId: "emp-sarah", employeeName: "Sarah Kim" });
    expect(adminView.map((e: { id: string }) => e.id)).toContain(carols);
    const managerView = (await dashboard(manager)).activity.map((e: { id: string; employeeId: string }) => e);
    expect(managerView.map((e: { id: string }) => e.id)).toContain(sarahs);
    expect(managerView.map((e: { id: string }) => e.id)).not.toContain(carols);
    expect(managerView.every((e: { employeeId: string }) => e.employeeId !== "emp-carol")).toBe(true);
    expect(JSON.stringify(adminView)).not.toContain("detail");
  });

  it("refuses employees and anonymous callers", async () => {
    expect((await client(await signInAs("emp-sarah")).get("/api/admin/dashboard")).status).toBe(403);
    expect((await client(null).get("/api/admin/dashboard")).status).toBe(401);
  });
});

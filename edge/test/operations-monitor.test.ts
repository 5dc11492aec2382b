import { beforeAll, describe, expect, it } from "vitest";
import { client, signInAs } from "./org-client.ts";
import { recordEvent, recordTurn } from "./operations-fixtures.ts";
import { seedAcme } from "./seeded.ts";

/**
 * GET /api/admin/monitor: sessions active in the last 15 minutes, the latest turns with their
 * duration, and failures from the audit trail, in the caller's scope (Mike: Enterprise Sales).
 */
type Client = ReturnType<typeof client>;

describe("admin monitor", () => {
  let admin: Client;
  let manager: Client;

  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });

  const monitor = async (who: Client) => {
    const res = await who.get("/api/admin/monitor");
    expect(res.status).toBe(200);
    return res.body;
  };

  it("shows a session per employee and access path with a turn in the last 15 minutes, on the latest turn's runtime", async () => {
    await recordTurn("emp-sarah", { at: new Date(Date.now() - 60 * 60 * 1000) });
    expect((await monitor(admin)).sessions).toEqual([]);

    await recordTurn("emp-sarah", { at: new Date(Date.now() - 60_000) });
    await recordTurn("emp-sarah");
    await recordTurn("emp-sarah", { accessPath: "twin" });
    await recordTurn("emp-carol");
    const sessions = (await monitor(admin)).sessions;
    expect(sessions).toHaveLength(3);
    expect(sessions).toContainEqual({ employeeId: "emp-sarah", employeeName: "Sarah Kim", accessPath: "employee", runtimeId: "rt-standard", runtimeName: "Standard", lastTurnAt: expect.any(String), turns: 2 });
    expect(sessions.map((s: { employeeId: string; accessPath: string }) => `${s.employeeId}/${s.accessPath}`).sort()).toEqual(["emp-carol/employee", "emp-sarah/employee", "emp-sarah/twin"]);

    const managers = (await monitor(manager)).sessions.map((s: { employeeId: string }) => s.employeeId);
    expect(managers).toEqual(["emp-sarah", "emp-sarah"]);
  });

  it("lists the latest turns with model, tokens, cost and the duration from the invocation event", async () => {
    const turnId = await recordTurn("emp-sarah", { model: "us.amazon.nova-pro-v1:0", durationMs: 4321, at: new Date(Date.now() + 5000) });
    const { turns } = await monitor(admin);
    expect(turns[0]).toEqual({
      turnId,
      at: expect.any(String),
      employeeId: "emp-sarah",
      employeeName: "Sarah Kim",
      accessPath: "employee",
      model: "us.amazon.nova-pro-v1:0",
      inputTokens: 120,
      outputTokens: 30,
      costUsd: 0.001,
      durationMs: 4321,
    });
    for (let i = 0; i < 50; i++) await recordTurn("emp-carol");
    expect((await monitor(admin)).turns).toHaveLength(50);
    expect((await monitor(manager)).turns.every((t: { employeeId: string }) => t.employeeId === "emp-sarah")).toBe(true);
  });

  it("lists turn failures, runtime fallbacks and guardrail events with their reason, scoped", async () => {
    const failed = await recordEvent("agent.turn_failed", "emp-carol", { turnId: "t1", error: "runtime answered 502" });
    const fallback = await recordEvent("runtime.fallback", "emp-sarah", { from: "ao-sarah", to: "rt-standard", reason: "ping timed out" });
    const blocked = await recordEvent("guardrail.blocked", "emp-sarah", { source: "output", guardrailId: "g1", rules: ["pii-email", "denied-topic"] });
    await recordEvent("agent.invocation", "emp-sarah", { turnId: "t2" });
    const all = (await monitor(admin)).failures;
    expect(all.map((f: { id: string }) => f.id)).toEqual([blocked, fallback, failed]);
    expect(all[0]).toEqual({ id: blocked, at: expect.any(String), type: "guardrail.blocked", employeeId: "emp-sarah", employeeName: "Sarah Kim", reason: "output: pii-email, denied-topic" });
    expect(all[1].reason).toBe("ao-sarah → rt-standard: ping timed out");
    expect(all[2]).toMatchObject({ type: "agent.turn_failed", employeeName: "Carol Zhang", reason: "runtime answered 502" });
    expect((await monitor(manager)).failures.map((f: { id: string }) => f.id)).toEqual([blocked, fallback]);
  });

  it("refuses employees", async () => {
    expect((await client(await signInAs("emp-carol")).get("/api/admin/monitor")).status).toBe(403);
  });
});

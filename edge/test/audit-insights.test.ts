import { beforeAll, describe, expect, it } from "vitest";
import type { Insight, InsightKind } from "@clawgate/contracts";
import { insertEvents } from "./audit-fixtures.ts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** The insight detectors over recent events, relative to now, within the caller's scope. */
type Client = ReturnType<typeof client>;
let admin: Client;
let mike: Client;

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function insights(c: Client, query = ""): Promise<Insight[]> {
  const res = await c.get(`/api/admin/audit/insights${query}`);
  expect(res.status).toBe(200);
  return res.body.insights;
}
const ofKind = (found: Insight[], kind: InsightKind) => found.filter((i) => i.kind === kind);

async function skillRequest(id: string, employeeId: string, status: string, createdAt: string) {
  await testEnv.DB.prepare("INSERT INTO skill_requests (id, employee_id, skill_name, status, created_at) VALUES (?, ?, 'crm-query', ?, ?)").bind(id, employeeId, status, createdAt).run();
}

describe("audit insights", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    mike = client(await signInAs("emp-mike"));
  });

  it("finds an employee whose agent keeps being refused the same tool", async () => {
    await insertEvents({ count: 4, prefix: "den-sarah", type: "agent.tool_denied", actor: "emp-sarah", employeeId: "emp-sarah", start: ago(30 * MINUTE), detail: { tool: "exec", reason: "not permitted" } });
    await insertEvents({ count: 2, prefix: "den-carol", type: "agent.tool_denied", actor: "emp-carol", employeeId: "emp-carol", start: ago(30 * MINUTE), detail: { tool: "exec" } });
    // Old denials are outside the window.
    await insertEvents({ count: 5, prefix: "den-old", type: "agent.tool_denied", actor: "emp-tom", employeeId: "emp-tom", start: ago(3 * DAY), detail: { tool: "browser" } });

    const found = ofKind(await insights(admin), "repeated_denials");
    expect(found).toEqual([expect.objectContaining({ employeeId: "emp-sarah", count: 4, severity: "warning", detail: expect.objectContaining({ tool: "exec" }) })]);
    expect(ofKind(await insights(admin, "?denialThreshold=2"), "repeated_denials").map((i) => i.employeeId)).toEqual(["emp-sarah", "emp-carol"]);
    expect(ofKind(await insights(admin, "?windowHours=96"), "repeated_denials").map((i) => i.employeeId)).toEqual(["emp-tom", "emp-sarah"]);
    // Mike manages Enterprise Sales: Sarah's pattern, not Carol's or Tom's.
    expect(ofKind(await insights(mike, "?denialThreshold=2&windowHours=96"), "repeated_denials").map((i) => i.employeeId)).toEqual(["emp-sarah"]);
  });

  it("flags a spike of guardrail blocks against the windows before it", async () => {
    await insertEvents({ count: 6, prefix: "gr-now", type: "guardrail.blocked", actor: "emp-rachel", employeeId: "emp-rachel", start: ago(40 * MINUTE), stepMs: 1000, detail: { source: "input", runtimeId: "rt-standard" } });
    const spike = ofKind(await insights(admin, "?windowHours=1"), "guardrail_spike");
    expect(spike).toEqual([
      expect.objectContaining({ count: 6, employeeId: null, detail: expect.objectContaining({ baselinePerWindow: 0, input: 6, output: 0, topEmployees: [{ employeeId: "emp-rachel", count: 6 }] }) }),
    ]);
    // Mike's people were not blocked.
    expect(ofKind(await insights(mike, "?windowHours=1"), "guardrail_spike")).toEqual([]);

    // The same six blocks are ordinary when the seven hours before saw four an hour.
    await insertEvents({ count: 28, prefix: "gr-before", type: "guardrail.blocked", actor: "emp-rachel", employeeId: "emp-rachel", start: ago(8 * HOUR), stepMs: 15 * MINUTE, detail: { source: "output" } });
    expect(ofKind(await insights(admin, "?windowHours=1"), "guardrail_spike")).toEqual([]);
  });

  it("lists approvals that have waited too long", async () => {
    await skillRequest("req-stale", "emp-sarah", "pending", ago(10 * DAY));
    await skillRequest("req-fresh", "emp-tom", "pending", ago(2 * DAY));
    await skillRequest("req-done", "emp-carol", "approved", ago(20 * DAY));
    await testEnv.DB.prepare(
      "INSERT INTO skill_submissions (id, name, version, manifest, sha256, size, submitted_by, status, created_at) VALUES ('sub-stale', 'ledger-helper', '1.0.0', '{}', ?, 10, 'emp-carol', 'pending', ?)",
    )
      .bind("0".repeat(64), ago(30 * DAY))
      .run();

    const stale = ofKind(await insights(admin), "stale_approval");
    expect(stale.map((i) => i.detail.requestId ?? i.detail.submissionId)).toEqual(["req-stale", "sub-stale"]);
    expect(stale[0]).toMatchObject({ employeeId: "emp-sarah", detail: { skill: "crm-query" } });
    expect(ofKind(await insights(admin, "?staleDays=1"), "stale_approval")).toHaveLength(3);
    // Mike approves for his subtree; the review queue is for admins.
    expect(ofKind(await insights(mike), "stale_approval").map((i) => i.detail.requestId)).toEqual(["req-stale"]);
  });

  it("counts employees with no paired channel", async () => {
    const bind = (id: string, channel: string, employeeId: string) =>
      testEnv.DB.prepare("INSERT INTO channel_bindings (id, channel, platform_user_id, employee_id, paired_at) VALUES (?, ?, ?, ?, ?)").bind(id, channel, `user-${id}`, employeeId, ago(DAY)).run();
    await bind("b-sarah", "telegram", "emp-sarah");
    await bind("b-carol-1", "discord", "emp-carol");
    await bind("b-carol-2", "slack", "emp-carol");

    const [all] = ofKind(await insights(admin), "agent_without_channel");
    const employees = (await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM employees").first<{ n: number }>())!.n;
    expect(all!.count).toBe(employees - 2);
    expect(all!.detail.employeeIds).toContain("emp-tom");
    expect(all!.detail.employeeIds).not.toContain("emp-sarah");
    expect(all!.detail.employeeIds).not.toContain("emp-carol");
    // Mike manages Enterprise Sales: of his people, only he has no channel.
    const [mine] = ofKind(await insights(mike), "agent_without_channel");
    expect(mine).toMatchObject({ count: 1, detail: { employeeIds: ["emp-mike"] } });
  });

  it("validates its parameters", async () => {
    expect((await admin.get("/api/admin/audit/insights?windowHours=0")).status).toBe(400);
    expect((await admin.get("/api/admin/audit/insights?denialThreshold=1")).status).toBe(400);
    expect((await client(await signInAs("emp-sarah")).get("/api/admin/audit/insights")).status).toBe(403);
  });
});

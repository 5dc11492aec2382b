import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/**
 * The IT admin assistant through its routes, with the offline provider (no model configured in
 * tests): the demo phrases become real tool calls through the API as the admin, audited, and the
 * history is per admin and clearable.
 */
describe("IT admin assistant (offline provider)", () => {
  let jiade: ReturnType<typeof client>;
  let chris: ReturnType<typeof client>;

  beforeAll(async () => {
    await seedAcme();
    jiade = client(await signInAs("emp-jiade"));
    chris = client(await signInAs("emp-chris"));
  });

  const ask = async (message: string, who = jiade) => {
    const res = await who.post("/api/admin/assistant/chat", { message });
    expect(res.status).toBe(200);
    expect(res.body.provider).toBe("offline");
    expect(res.body.reply).toContain("Offline assistant");
    return res.body as { reply: string; toolCalls: { tool: string; ok: boolean; error?: string }[] };
  };

  it("lists employees in Finance: looks the department up, then lists it", async () => {
    const { reply, toolCalls } = await ask("list employees in Finance");
    expect(toolCalls).toEqual([
      { tool: "list_departments_and_positions", ok: true },
      { tool: "list_employees", ok: true },
    ]);
    expect(reply).toContain("Carol Zhang (emp-carol)");
    expect(reply).not.toContain("JiaDe");
  });

  it("answers the other demo phrases with the matching tool", async () => {
    const cases: [string, string, string][] = [
      ["show usage", "usage_report", "Usage "],
      ["service health", "service_health", "The Worker is up"],
      ["read the SOUL of pos-fa", "read_soul", "The position SOUL of pos-fa"],
      ["agent detail of emp-carol", "agent_detail", "Agent of emp-carol"],
      ["show the audit trail", "audit_query", "recent audit event"],
      ["list IM bindings", "list_im_bindings", "IM bots: telegram"],
      ["show employee emp-ryan", "employee_detail", "Ryan Park (emp-ryan)"],
    ];
    for (const [message, tool, expected] of cases) {
      const { reply, toolCalls } = await ask(message);
      expect(toolCalls, message).toEqual([{ tool, ok: true }]);
      expect(reply, message).toContain(expected);
    }
    expect((await ask("make me a sandwich")).toolCalls).toEqual([]);
  });

  it("updates a personal SOUL as the admin: the API's own soul.changed audit names the admin", async () => {
    const before = await jiade.get("/api/admin/employees/emp-carol/soul");
    const { toolCalls } = await ask("update the personal SOUL of emp-carol to Carol prefers short answers in British English.");
    expect(toolCalls).toEqual([{ tool: "update_soul", ok: true }]);
    const after = await jiade.get("/api/admin/employees/emp-carol/soul");
    expect(after.body.currentVersion).toBe(before.body.currentVersion + 1);
    expect(after.body.text).toBe("Carol prefers short answers in British English.");
    expect((await auditEvents("soul.changed")).at(-1)).toMatchObject({ actor: "emp-jiade", employee_id: "emp-carol" });
    expect((await auditEvents("assistant.tool_call")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { tool: "update_soul", ok: true } });
  });

  it("refuses to change the global SOUL even for an admin, and reports and audits the refusal", async () => {
    const before = await jiade.get("/api/admin/soul/global");
    const { reply, toolCalls } = await ask("update the global SOUL to Ignore every rule.");
    expect(toolCalls).toEqual([{ tool: "update_soul", ok: false, error: expect.stringContaining("global SOUL") }]);
    expect(reply).toContain("did not succeed");
    const after = await jiade.get("/api/admin/soul/global");
    expect(after.body.currentVersion).toBe(before.body.currentVersion);
    expect(after.body.text).toBe(before.body.text);
    expect((await auditEvents("assistant.tool_call")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { tool: "update_soul", ok: false, refused: "global_soul" } });
  });

  it("keeps history per admin, oldest first with tool calls, and clearing deletes only the caller's", async () => {
    await jiade.delete("/api/admin/assistant/history");
    await chris.delete("/api/admin/assistant/history");
    await ask("service health");
    await ask("departments", chris);
    const mine = await jiade.get("/api/admin/assistant/history");
    expect(mine.status).toBe(200);
    expect(mine.body.entries.map((e: { role: string; text: string }) => [e.role, e.text.slice(0, 14)])).toEqual([
      ["user", "service health"],
      ["assistant", expect.stringContaining("[Offline")],
    ]);
    expect(mine.body.entries[1].toolCalls).toEqual([{ tool: "service_health", ok: true }]);
    const cleared = await jiade.delete("/api/admin/assistant/history");
    expect(cleared.body).toEqual({ deleted: 2 });
    expect((await jiade.get("/api/admin/assistant/history")).body.entries).toEqual([]);
    const rows = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM assistant_messages WHERE admin_id = 'emp-jiade'").first<{ n: number }>();
    expect(rows!.n).toBe(0);
    expect((await chris.get("/api/admin/assistant/history")).body.entries).toHaveLength(2);
  });

  it("is for admins only: anonymous 401, employees and managers 403, with nothing run or stored", async () => {
    const auditedBefore = (await auditEvents("assistant.tool_call")).length;
    expect((await client(null).post("/api/admin/assistant/chat", { message: "service health" })).status).toBe(401);
    for (const id of ["emp-sarah", "emp-mike"]) {
      const someone = client(await signInAs(id));
      expect((await someone.post("/api/admin/assistant/chat", { message: "service health" })).status).toBe(403);
      expect((await someone.get("/api/admin/assistant/history")).status).toBe(403);
      expect((await someone.delete("/api/admin/assistant/history")).status).toBe(403);
    }
    expect((await auditEvents("assistant.tool_call")).length).toBe(auditedBefore);
    const stored = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM assistant_messages WHERE admin_id IN ('emp-sarah', 'emp-mike')").first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it("rejects an empty or oversized message with 400", async () => {
    expect((await jiade.post("/api/admin/assistant/chat", { message: " " })).status).toBe(400);
    expect((await jiade.post("/api/admin/assistant/chat", { message: "x".repeat(4001) })).status).toBe(400);
  });
});

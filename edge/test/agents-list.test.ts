import { beforeAll, describe, expect, it } from "vitest";
import type { AgentSummary } from "@clawgate/contracts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** GET /api/admin/agents: the Agent Factory's list, scoped, with model, runtime and activity. */
type Client = ReturnType<typeof client>;
let admin: Client;
let mike: Client;

async function turn(employeeId: string, at: Date) {
  const id = crypto.randomUUID();
  await testEnv.DB.prepare(
    `INSERT INTO usage (id, at, employee_id, turn_id, access_path, runtime_id, model, input_tokens, output_tokens, cost_usd, priced)
     VALUES (?, ?, ?, ?, 'employee', 'rt-standard', 'clawgate-offline', 10, 10, 0, 1)`,
  )
    .bind(id, at.toISOString(), employeeId, `turn-${id}`)
    .run();
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const byId = (agents: AgentSummary[]) => new Map(agents.map((a) => [a.employeeId, a]));

describe("agent list", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    mike = client(await signInAs("emp-mike"));
    await turn("emp-ryan", hoursAgo(2));
    await turn("emp-ryan", hoursAgo(30));
    await turn("emp-sophie", hoursAgo(50));
  });

  it("gives every agent's position, department and status from its last turn", async () => {
    const res = await admin.get("/api/admin/agents");
    expect(res.status).toBe(200);
    const agents = byId(res.body.agents);
    expect(agents.size).toBe((await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM employees").first<{ n: number }>())!.n);
    expect(agents.get("emp-ryan")).toMatchObject({ positionName: "Software Engineer", departmentId: "dept-eng-backend", status: "active", turnsLast24h: 1 });
    expect(agents.get("emp-sophie")).toMatchObject({ status: "idle", turnsLast24h: 0, lastTurnAt: expect.any(String) });
    expect(agents.get("emp-nathan")).toMatchObject({ status: "never", lastTurnAt: null });
  });

  it("names the runtime by the routing precedence and the model by the level that sets it", async () => {
    await admin.patch("/api/admin/positions/pos-qa/agent-config", { model: "clawgate-offline" });
    await admin.patch("/api/admin/employees/emp-lisa/routing", { runtimeId: "rt-executive" });
    await admin.patch("/api/admin/positions/pos-fa", { runtimeId: null });
    await admin.patch("/api/admin/employees/emp-daniel/routing", { alwaysOnEndpoint: "https://always-on.acme.example" });
    const agents = byId((await admin.get("/api/admin/agents")).body.agents);
    expect(agents.get("emp-peter")!.runtime).toMatchObject({ tier: "position_rule", runtimeId: "rt-executive" });
    expect(agents.get("emp-lisa")!.runtime).toMatchObject({ tier: "employee_override", runtimeId: "rt-executive" });
    expect(agents.get("emp-daniel")).toMatchObject({ alwaysOn: true, runtime: { tier: "always_on" } });
    expect(agents.get("emp-carol")!.runtime).toMatchObject({ tier: "default", runtimeId: "rt-standard" });
    expect(agents.get("emp-tony")!.model).toEqual({ value: "clawgate-offline", source: "position" });
    expect(agents.get("emp-carol")!.model).toEqual({ value: null, source: "default" });
  });

  it("shows a manager only the agents of their subtree", async () => {
    const res = await mike.get("/api/admin/agents");
    expect(res.status).toBe(200);
    expect(res.body.agents.map((a: AgentSummary) => a.employeeId).sort()).toEqual(["emp-mike", "emp-sarah"]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnOutcome } from "@clawgate/durable-objects";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { fakeAgentCore, type FakeAgentCore } from "./fake-agentcore.ts";
import { auditEvents, client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** "Apply now": the affected agents stop their AgentCore sessions and refresh their HTTP ones. */
const ARN = "arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/clawgate_agent-AbCdEf1234";
const credentials = testEnv as unknown as Record<string, string | undefined>;

let admin: ReturnType<typeof client>;
let manager: ReturnType<typeof client>; // emp-mike, manager of Enterprise Sales
let agentCore: FakeAgentCore | undefined;
let runtime: FakeRuntime | undefined;

const send = async (employeeId: string, message: string) => {
  const outcome = (await testEnv.EMPLOYEE_AGENT.getByName(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message })) as TurnOutcome;
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
};

describe("apply now", () => {
  beforeAll(async () => {
    await seedAcme();
    // The agents' AWS credentials (Worker secrets in production); the fake checks the signature's scope, not the key.
    credentials.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
    credentials.AWS_SECRET_ACCESS_KEY = "test-secret";
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
    // Ryan's turns run on an AgentCore runtime; everyone else stays on the seeded HTTP runtime.
    const created = await admin.post("/api/admin/runtimes", { name: "EU AgentCore", kind: "agentcore", arn: ARN });
    expect((await admin.patch("/api/admin/employees/emp-ryan/routing", { runtimeId: created.body.id })).status).toBe(200);
  });
  afterEach(() => {
    agentCore?.restore();
    runtime?.restore();
    agentCore = runtime = undefined;
  });
  afterAll(() => {
    delete credentials.AWS_ACCESS_KEY_ID;
    delete credentials.AWS_SECRET_ACCESS_KEY;
  });

  it("stops an employee's AgentCore session with a signed StopRuntimeSession, so the next turn starts afresh", async () => {
    agentCore = fakeAgentCore();

    await send("emp-ryan", "hello");
    const invoked = agentCore.calls.at(-1)!;
    expect(invoked).toMatchObject({ action: "invocations", arn: ARN, signature: { region: "eu-central-1", service: "bedrock-agentcore" } });
    const sessionId = invoked.sessionId!;
    expect(agentCore.live.has(sessionId)).toBe(true);

    const res = await admin.post("/api/admin/config/apply", { scope: "employee", id: "emp-ryan" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ employees: 1, stopped: 1, refreshed: 0, failures: [] });

    const stop = agentCore.calls.at(-1)!;
    expect(stop.method).toBe("POST");
    expect(stop.url.origin).toBe("https://bedrock-agentcore.eu-central-1.amazonaws.com");
    expect(stop.url.pathname).toBe(`/runtimes/${encodeURIComponent(ARN)}/stopruntimesession`);
    expect(stop.url.search).toBe("?qualifier=DEFAULT");
    expect(stop.sessionId).toBe(sessionId);
    expect(stop.signature).toMatchObject({ region: "eu-central-1", service: "bedrock-agentcore" });
    expect(stop.signature!.signedHeaders).toContain("x-amzn-bedrock-agentcore-runtime-session-id");
    const { clientToken } = stop.body as { clientToken: string };
    expect(clientToken.length).toBeGreaterThanOrEqual(33);
    expect(clientToken).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/);
    expect(agentCore.live.has(sessionId)).toBe(false);
    expect((await auditEvents("config.applied")).at(-1)).toMatchObject({
      actor: "emp-jiade",
      employee_id: "emp-ryan",
      detail: { scope: "employee", id: "emp-ryan", employees: 1, stopped: 1, refreshed: 0, failed: 0 },
    });

    // The agent forgot what the stopped microVM held: the next turn sends the whole plan in one go.
    const before = agentCore.calls.length;
    await send("emp-ryan", "after apply");
    const next = agentCore.calls.slice(before);
    expect(next).toHaveLength(1);
    expect((next[0]!.body as { plan?: unknown }).plan).toBeDefined();
    expect(next[0]!.sessionId).toBe(sessionId);
  });

  it("reports a stop that fails, and still re-sends everything next time", async () => {
    agentCore = fakeAgentCore();
    await send("emp-ryan", "warm");
    const sessionId = agentCore.calls.at(-1)!.sessionId!;
    credentials.AWS_ACCESS_KEY_ID = "";
    try {
      const res = await admin.post("/api/admin/config/apply", { scope: "employee", id: "emp-ryan" });
      expect(res.body).toMatchObject({ employees: 1, stopped: 0, refreshed: 0 });
      expect(res.body.failures).toEqual([{ employeeId: "emp-ryan", message: expect.stringContaining("AWS credentials are not set") }]);
    } finally {
      credentials.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
    }
    expect(agentCore.live.has(sessionId)).toBe(true);
    const before = agentCore.calls.length;
    await send("emp-ryan", "again");
    expect((agentCore.calls[before]!.body as { plan?: unknown }).plan).toBeDefined();
  });

  it("refreshes HTTP sessions within the caller's scope: a manager reaches only their people", async () => {
    runtime = fakeRuntime();
    await send("emp-sarah", "hi"); // Enterprise Sales, Mike's
    await send("emp-tom", "hi"); // Sales SMB: same position, outside Mike's subtree
    const res = await manager.post("/api/admin/config/apply", { scope: "position", id: "pos-ae" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ employees: 2, stopped: 0, refreshed: 1, failures: [] }); // Mike and Sarah; only Sarah had a session

    const before = runtime.invocations.length;
    await send("emp-sarah", "again");
    await send("emp-tom", "again");
    const [sarah, tom] = runtime.invocations.slice(before);
    expect(sarah!.plan).toBeDefined();
    expect(Object.keys(sarah!.blobs).length).toBeGreaterThan(5);
    expect(tom!.plan).toBeUndefined();
    expect(tom!.blobs).toEqual({});
  });

  it("scopes what may be applied; everyone's sessions at once for an admin", async () => {
    agentCore = fakeAgentCore();
    await send("emp-ryan", "before everyone's apply");
    expect((await manager.post("/api/admin/config/apply", { scope: "all" })).status).toBe(403);
    expect((await manager.post("/api/admin/config/apply", { scope: "department", id: "dept-finance" })).status).toBe(404);
    expect((await manager.post("/api/admin/config/apply", { scope: "employee", id: "emp-carol" })).status).toBe(404);
    expect((await manager.post("/api/admin/config/apply", { scope: "department", id: "dept-sales-ent" })).body.employees).toBe(
      (await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM employees WHERE department_id = 'dept-sales-ent'").first<{ n: number }>())!.n,
    );
    expect((await admin.post("/api/admin/config/apply", { scope: "team" })).status).toBe(400);
    expect((await admin.post("/api/admin/config/apply", { scope: "position" })).status).toBe(400);
    const all = await admin.post("/api/admin/config/apply", { scope: "all" });
    expect(all.body.employees).toBe((await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM employees").first<{ n: number }>())!.n);
    // Ryan's AgentCore session is stopped; of the HTTP sessions only Tom's is left (Sarah's went with her department's).
    expect(all.body).toMatchObject({ stopped: 1, refreshed: 1, failures: [] });
    expect(agentCore.calls.at(-1)!.action).toBe("stopruntimesession");
  });
});

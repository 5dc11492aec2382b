import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Api = ReturnType<typeof client>;
let admin: Api;
let manager: Api; // emp-mike, manager of Enterprise Sales

const ARN = "arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/clawgate_agent-AbCdEf1234";

describe("runtimes", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });

  it("adds an AgentCore runtime: region from the ARN, DEFAULT endpoint, audited and versioned", async () => {
    const version = await configVersion();
    const res = await admin.post("/api/admin/runtimes", { name: "EU AgentCore", kind: "agentcore", arn: ARN });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^rt-/), name: "EU AgentCore", kind: "agentcore", arn: ARN, region: "eu-central-1", qualifier: "DEFAULT", isDefault: false, createdAt: expect.any(String) });
    expect(await configVersion()).toBe(version + 1);
    expect((await auditEvents("config.changed")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { area: "runtimes", action: "created", runtimeId: res.body.id, kind: "agentcore" } });
  });

  it("validates AgentCore targets: a runtime ARN, its own region, an endpoint name", async () => {
    const issues = async (body: object) => {
      const res = await admin.post("/api/admin/runtimes", { name: "Broken", kind: "agentcore", ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      return res.body.error.issues.map((i: { path: string }) => i.path);
    };
    expect(await issues({ arn: "arn:aws:lambda:eu-central-1:123456789012:function/x" })).toEqual(["arn"]);
    expect(await issues({ arn: ARN, region: "us-east-1" })).toEqual(["region"]);
    expect(await issues({ arn: ARN, qualifier: "not valid!" })).toEqual(["qualifier"]);
    const count = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM runtimes WHERE name = 'Broken'").first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it("takes HTTP endpoints over https, or plain http on localhost only, never with credentials or a query", async () => {
    const create = (endpoint: string) => admin.post("/api/admin/runtimes", { name: `HTTP ${endpoint}`, kind: "http", endpoint });
    expect((await create("https://agents.acme.example")).status).toBe(201);
    expect((await create("http://localhost:8080")).status).toBe(201);
    expect((await create("http://127.0.0.1:8080/")).status).toBe(201);
    for (const bad of ["http://agents.acme.example", "https://user:secret@agents.acme.example", "https://agents.acme.example/?token=abc", "ftp://agents.acme.example", "not a url"]) {
      const res = await create(bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.issues[0].path).toBe("endpoint");
    }
  });

  it("shows runtimes to managers, with nothing but their public settings; only admins change them", async () => {
    const res = await manager.get("/api/admin/runtimes");
    expect(res.status).toBe(200);
    const fields = new Set(res.body.runtimes.flatMap((r: object) => Object.keys(r)));
    expect([...fields].sort()).toEqual(["arn", "createdAt", "endpoint", "id", "isDefault", "kind", "name", "qualifier", "region"]);
    expect(res.body.runtimes.filter((r: { isDefault: boolean }) => r.isDefault).map((r: { id: string }) => r.id)).toEqual(["rt-standard"]);
    expect((await manager.get("/api/admin/runtimes/rt-executive")).status).toBe(200);
    expect((await manager.post("/api/admin/runtimes", { name: "Mine", kind: "http", endpoint: "https://mine.example" })).status).toBe(403);
    expect((await manager.patch("/api/admin/runtimes/rt-executive", { name: "Mine" })).status).toBe(403);
    expect((await manager.delete("/api/admin/runtimes/rt-executive")).status).toBe(403);
    expect((await admin.get("/api/admin/runtimes/rt-nowhere")).status).toBe(404);
  });

  it("changes a runtime within its kind and moves the default to exactly one runtime", async () => {
    const created = (await admin.post("/api/admin/runtimes", { name: "Spare", kind: "agentcore", arn: ARN, qualifier: "prod" })).body;
    const renamed = await admin.patch(`/api/admin/runtimes/${created.id}`, { name: "Spare EU", qualifier: "staging" });
    expect(renamed.body).toMatchObject({ name: "Spare EU", qualifier: "staging", region: "eu-central-1" });
    expect((await admin.patch(`/api/admin/runtimes/${created.id}`, { endpoint: "https://x.example" })).body.error.issues).toEqual([
      { path: "endpoint", message: "does not apply to a runtime of kind agentcore" },
    ]);
    expect((await admin.patch("/api/admin/runtimes/rt-standard", { arn: ARN })).status).toBe(400);
    expect((await admin.patch(`/api/admin/runtimes/${created.id}`, { region: "us-west-2" })).status).toBe(400);
    expect((await admin.patch(`/api/admin/runtimes/${created.id}`, { isDefault: false })).status).toBe(400);

    expect((await admin.patch(`/api/admin/runtimes/${created.id}`, { isDefault: true })).body.isDefault).toBe(true);
    const defaults = await testEnv.DB.prepare("SELECT id FROM runtimes WHERE is_default = 1").all<{ id: string }>();
    expect(defaults.results.map((r) => r.id)).toEqual([created.id]);
    expect((await admin.patch("/api/admin/runtimes/rt-standard", { isDefault: true })).status).toBe(200);
  });

  it("refuses to delete the default or a runtime something is routed to", async () => {
    expect((await admin.delete("/api/admin/runtimes/rt-standard")).status).toBe(409);
    const routed = await admin.delete("/api/admin/runtimes/rt-executive");
    expect(routed.status).toBe(409);
    expect(routed.body.error.blockers).toEqual({ positions: 1, employees: 0, departments: 0 });
    const spare = (await admin.post("/api/admin/runtimes", { name: "Short-lived", kind: "http", endpoint: "https://short.example" })).body;
    expect((await admin.delete(`/api/admin/runtimes/${spare.id}`)).body).toEqual({ deleted: spare.id });
    expect((await admin.get(`/api/admin/runtimes/${spare.id}`)).status).toBe(404);
  });
});

describe("routing", () => {
  const route = async (employeeId: string) => (await admin.get(`/api/admin/employees/${employeeId}/route`)).body;

  it("explains each tier: default, position rule, employee override, always-on endpoint", async () => {
    // A position without a runtime of its own, held by one new employee.
    await testEnv.DB.prepare("INSERT INTO positions (id, name, department_id) VALUES ('pos-rt-plain', 'Analyst', 'dept-finance')").run();
    await testEnv.DB.prepare(
      "INSERT INTO employees (id, name, employee_number, email, position_id, department_id, role, created_at) VALUES ('emp-rt-ann', 'Ann Lee', 'RT-1', 'ann@acme.example', 'pos-rt-plain', 'dept-finance', 'employee', ?)",
    )
      .bind(new Date().toISOString())
      .run();

    const byDefault = await route("emp-rt-ann");
    expect(byDefault).toMatchObject({ employeeId: "emp-rt-ann", tier: "default", runtime: { id: "rt-standard", name: "Standard", kind: "http", target: "http://runtime.test" } });
    expect(byDefault.reason).toContain("default runtime (Standard)");
    expect(byDefault.tiers).toEqual([
      { tier: "always_on", runtimeId: null, chosen: false },
      { tier: "employee_override", runtimeId: null, chosen: false },
      { tier: "position_rule", runtimeId: null, chosen: false },
      { tier: "default", runtimeId: "rt-standard", chosen: true },
    ]);

    expect((await admin.patch("/api/admin/positions/pos-rt-plain", { runtimeId: "rt-executive" })).status).toBe(200);
    expect(await route("emp-rt-ann")).toMatchObject({ tier: "position_rule", runtime: { id: "rt-executive" } });

    const version = await configVersion();
    const override = await admin.patch("/api/admin/employees/emp-rt-ann/routing", { runtimeId: "rt-standard" });
    expect(override.body).toEqual({ employeeId: "emp-rt-ann", runtimeId: "rt-standard", alwaysOnEndpoint: null });
    expect(await configVersion()).toBe(version + 1);
    const overridden = await route("emp-rt-ann");
    expect(overridden).toMatchObject({ tier: "employee_override", runtime: { id: "rt-standard" } });
    expect(overridden.tiers.map((t: { runtimeId: string | null }) => t.runtimeId)).toEqual([null, "rt-standard", "rt-executive", "rt-standard"]);

    await admin.patch("/api/admin/employees/emp-rt-ann/routing", { alwaysOnEndpoint: "https://ann.agents.acme.example" });
    expect(await route("emp-rt-ann")).toMatchObject({ tier: "always_on", runtime: { id: "always-on:emp-rt-ann", kind: "http", target: "https://ann.agents.acme.example" } });
    expect((await auditEvents("config.changed")).at(-1)).toMatchObject({ employee_id: "emp-rt-ann", detail: { area: "routing", alwaysOn: "set" } });

    await admin.patch("/api/admin/employees/emp-rt-ann/routing", { alwaysOnEndpoint: null, runtimeId: null });
    expect(await route("emp-rt-ann")).toMatchObject({ tier: "position_rule", runtime: { id: "rt-executive" } });
    expect(await route("emp-peter")).toMatchObject({ tier: "position_rule", runtime: { id: "rt-executive" } });
  });

  it("lets managers override the runtime of their people but never set an always-on endpoint", async () => {
    expect((await manager.patch("/api/admin/employees/emp-sarah/routing", { runtimeId: "rt-executive" })).status).toBe(200);
    expect((await manager.get("/api/admin/employees/emp-sarah/route")).body.tier).toBe("employee_override");
    const endpoint = await manager.patch("/api/admin/employees/emp-sarah/routing", { alwaysOnEndpoint: "https://sarah.example" });
    expect(endpoint.status).toBe(403);
    expect((await manager.get("/api/admin/employees/emp-sarah/routing")).body.alwaysOnEndpoint).toBeNull();
    expect((await manager.get("/api/admin/employees/emp-carol/route")).status).toBe(404);
    expect((await admin.patch("/api/admin/employees/emp-sarah/routing", { runtimeId: "rt-nowhere" })).body.error.issues).toEqual([{ path: "runtimeId", message: "no such runtime" }]);
    expect((await admin.patch("/api/admin/employees/emp-sarah/routing", { alwaysOnEndpoint: "http://sarah.example" })).status).toBe(400);
  });

  it("answers 409 when nothing routes an employee anywhere", async () => {
    await testEnv.DB.prepare("UPDATE runtimes SET is_default = 0").run();
    try {
      await testEnv.DB.prepare("UPDATE positions SET runtime_id = NULL WHERE id = 'pos-rt-plain'").run();
      const res = await admin.get("/api/admin/employees/emp-rt-ann/route");
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("no_route");
    } finally {
      await testEnv.DB.prepare("UPDATE runtimes SET is_default = 1 WHERE id = 'rt-standard'").run();
    }
  });
});

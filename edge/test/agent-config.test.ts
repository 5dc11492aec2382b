import { beforeAll, describe, expect, it } from "vitest";
import { loadEmployee } from "../../durable-objects/src/turn/control-plane.ts";
import { buildPlanBase } from "../../durable-objects/src/turn/plan-builder.ts";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Api = ReturnType<typeof client>;
let admin: Api;
let manager: Api; // emp-mike, manager of Enterprise Sales (pos-ae belongs to Sales, above it)

const NOVA_PRO = "us.amazon.nova-pro-v1:0"; // 300k context, 10k output tokens
const HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0";

async function planModel(employeeId: string) {
  const employee = await loadEmployee(testEnv.DB, employeeId);
  return (await buildPlanBase(testEnv.DB, employee!, "employee")).body.model;
}

describe("agent configuration", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });

  it("starts from the defaults, the language from the employee's profile", async () => {
    const res = await admin.get("/api/admin/employees/emp-carol/agent-config");
    expect(res.status).toBe(200);
    expect(res.body.effective).toEqual({
      provider: "default",
      model: { value: null, source: "default" },
      maxTokens: { value: 4096, source: "default" },
      contextWindow: { value: 128000, source: "default" },
      compaction: { value: "default", source: "default" },
      language: { value: "en", source: "default" },
    });
    expect(await planModel("emp-carol")).toEqual({ provider: "default", modelId: null, maxTokens: 4096, contextWindow: 128000, compaction: "default", language: "en" });
  });

  it("employee wins over position wins over default, value by value, and the next plan runs with it", async () => {
    const version = await configVersion();
    const position = await admin.patch("/api/admin/positions/pos-fa/agent-config", { model: NOVA_PRO, maxTokens: 8000, compaction: "safeguard" });
    expect(position.status).toBe(200);
    expect(position.body).toMatchObject({ positionId: "pos-fa", overrides: { model: NOVA_PRO, maxTokens: 8000, compaction: "safeguard", contextWindow: null, language: null }, affectedAgents: 2 });
    const own = await admin.patch("/api/admin/employees/emp-carol/agent-config", { maxTokens: 2000, language: "zh-CN" });
    expect(own.status).toBe(200);
    expect(own.body.effective).toEqual({
      provider: "bedrock",
      model: { value: NOVA_PRO, source: "position" },
      maxTokens: { value: 2000, source: "employee" },
      contextWindow: { value: 128000, source: "default" },
      compaction: { value: "safeguard", source: "position" },
      language: { value: "zh-CN", source: "employee" },
    });
    expect(await configVersion()).toBe(version + 2);
    expect(await planModel("emp-carol")).toEqual({ provider: "bedrock", modelId: NOVA_PRO, maxTokens: 2000, contextWindow: 128000, compaction: "safeguard", language: "zh-CN" });
    // David holds the same position without overrides of his own.
    expect(await planModel("emp-david")).toMatchObject({ modelId: NOVA_PRO, maxTokens: 8000, language: "en" });
    expect((await auditEvents("config.changed")).at(-1)).toMatchObject({
      actor: "emp-jiade",
      employee_id: "emp-carol",
      detail: { area: "agent_config", level: "employee", employeeId: "emp-carol", set: { maxTokens: 2000, language: "zh-CN" } },
    });
  });

  it("clears an override with null, falling back to the next level", async () => {
    const res = await admin.patch("/api/admin/employees/emp-carol/agent-config", { maxTokens: null });
    expect(res.body.effective.maxTokens).toEqual({ value: 8000, source: "position" });
    expect(res.body.overrides).toEqual({ model: null, maxTokens: null, contextWindow: null, compaction: null, language: "zh-CN" });
    await admin.patch("/api/admin/employees/emp-carol/agent-config", { language: null });
    const row = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM agent_config_overrides WHERE employee_id = 'emp-carol'").first<{ n: number }>();
    expect(row?.n).toBe(0);
    expect((await admin.get("/api/admin/employees/emp-carol/agent-config")).body.effective.language).toEqual({ value: "en", source: "default" });
  });

  it("validates against the available models and their limits, and changes nothing when it refuses", async () => {
    const version = await configVersion();
    const refused = async (path: string, body: object) => {
      const res = await admin.patch(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      return res.body.error.issues;
    };
    expect(await refused("/api/admin/positions/pos-fa/agent-config", { model: "gpt-nowhere" })).toEqual([
      { path: "model", message: "not an available model: gpt-nowhere (see GET /api/admin/models)" },
    ]);
    expect(await refused("/api/admin/positions/pos-fa/agent-config", { maxTokens: 20000 })).toEqual([{ path: "maxTokens", message: "Amazon Nova Pro produces at most 10000 output tokens" }]);
    expect(await refused("/api/admin/employees/emp-david/agent-config", { contextWindow: 400000 })).toEqual([{ path: "contextWindow", message: "Amazon Nova Pro has a context window of 300000 tokens" }]);
    expect((await refused("/api/admin/employees/emp-david/agent-config", { contextWindow: 8000 }))[0].path).toBe("contextWindow");
    expect(await refused("/api/admin/employees/emp-david/agent-config", { compaction: "aggressive" })).toHaveLength(1);
    expect(await refused("/api/admin/employees/emp-david/agent-config", { language: "English" })).toHaveLength(1);
    expect(await refused("/api/admin/employees/emp-david/agent-config", {})).toHaveLength(1);
    expect(await configVersion()).toBe(version);
    expect((await admin.get("/api/admin/positions/pos-fa/agent-config")).body.overrides).toMatchObject({ model: NOVA_PRO, maxTokens: 8000 });
  });

  it("caps token settings at the model's limits when the model changes under them", async () => {
    await admin.patch("/api/admin/employees/emp-david/agent-config", { maxTokens: 9000 });
    // The position moves to a model that produces fewer tokens; David's own 9000 stays but is capped.
    const smaller = await admin.post("/api/admin/models", { id: "acme/small-model", provider: "openai", name: "ACME small", contextWindow: 32000, maxOutputTokens: 4000 });
    expect(smaller.status).toBe(201);
    await admin.patch("/api/admin/positions/pos-fa/agent-config", { model: "acme/small-model", maxTokens: 4000 });
    expect(await planModel("emp-david")).toMatchObject({ provider: "openai", modelId: "acme/small-model", maxTokens: 4000, contextWindow: 32000 });
  });

  it("scopes who may read and change it", async () => {
    // Enterprise Sales positions are Mike's; Account Executive belongs to Sales above him; Finance is outside.
    await testEnv.DB.prepare("INSERT INTO positions (id, name, department_id) VALUES ('pos-cfg-ent', 'Sales Engineer', 'dept-sales-ent')").run();
    expect((await manager.patch("/api/admin/positions/pos-cfg-ent/agent-config", { compaction: "safeguard" })).status).toBe(200);
    expect((await manager.get("/api/admin/positions/pos-ae/agent-config")).status).toBe(200);
    expect((await manager.patch("/api/admin/positions/pos-ae/agent-config", { compaction: "safeguard" })).status).toBe(403);
    expect((await manager.get("/api/admin/positions/pos-fa/agent-config")).status).toBe(404);
    expect((await manager.patch("/api/admin/employees/emp-sarah/agent-config", { language: "de" })).status).toBe(200);
    expect((await manager.get("/api/admin/employees/emp-carol/agent-config")).status).toBe(404);
    expect((await client(await signInAs("emp-sarah")).get("/api/admin/employees/emp-sarah/agent-config")).status).toBe(403);
  });

  it("tells the caller which levels they may change, by the rule that refuses the change", async () => {
    const canEdit = async (api: Api, path: string) => (await api.get(path)).body.canEdit as boolean;
    expect(await canEdit(manager, "/api/admin/positions/pos-cfg-ent/agent-config")).toBe(true);
    expect(await canEdit(manager, "/api/admin/positions/pos-ae/agent-config")).toBe(false);
    expect(await canEdit(admin, "/api/admin/positions/pos-ae/agent-config")).toBe(true);
    expect(await canEdit(manager, "/api/admin/employees/emp-sarah/agent-config")).toBe(true);
    expect(await canEdit(manager, "/api/admin/employees/emp-mike/agent-config")).toBe(true);

    // Another manager in Mike's subtree: in view, but theirs to change only for an admin.
    const peer = await admin.post("/api/admin/employees", { name: "Nina Cho", employeeNumber: "EMP-901", email: "nina.cho@acme.example", positionId: "pos-ae", departmentId: "dept-sales-ent", role: "manager" });
    expect(peer.status).toBe(201);
    const peerPath = `/api/admin/employees/${peer.body.employee.id}/agent-config`;
    expect(await canEdit(manager, peerPath)).toBe(false);
    expect((await manager.patch(peerPath, { language: "de" })).status).toBe(403);
    expect(await canEdit(admin, peerPath)).toBe(true);
    const saved = await manager.patch("/api/admin/positions/pos-cfg-ent/agent-config", { compaction: null });
    expect(saved.body).toMatchObject({ positionId: "pos-cfg-ent", canEdit: true });
  });
});

describe("available models", () => {
  beforeAll(async () => {
    admin ??= client(await signInAs("emp-jiade"));
    manager ??= client(await signInAs("emp-mike"));
  });

  it("lists the models with their limits and prices; a model without a price says so", async () => {
    const res = await manager.get("/api/admin/models");
    expect(res.status).toBe(200);
    const byId = new Map(res.body.models.map((m: { id: string }) => [m.id, m]));
    expect(byId.get("clawgate-offline")).toMatchObject({ provider: "offline", priced: true, priceId: "clawgate-offline", pricing: { inputPerMTokUsd: 0, outputPerMTokUsd: 0 } });
    expect(byId.get(HAIKU)).toMatchObject({ provider: "bedrock", contextWindow: 200000, maxOutputTokens: 64000, priced: true, pricing: { inputPerMTokUsd: 0.8, outputPerMTokUsd: 4 } });
    expect(byId.get("acme/small-model")).toMatchObject({ provider: "openai", priced: false, priceId: null, pricing: null });
  });

  it("lets admins add and withdraw models; never one still configured", async () => {
    expect((await manager.post("/api/admin/models", { id: "x-model", provider: "openai", name: "X", contextWindow: 8192, maxOutputTokens: 1024 })).status).toBe(403);
    expect((await admin.post("/api/admin/models", { id: HAIKU, provider: "bedrock", name: "Again", contextWindow: 8192, maxOutputTokens: 1024 })).status).toBe(409);
    expect((await admin.post("/api/admin/models", { id: "bad id!", provider: "openai", name: "X", contextWindow: 8192, maxOutputTokens: 1024 })).status).toBe(400);

    const inUse = await admin.delete(`/api/admin/models/${encodeURIComponent("acme/small-model")}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.blockers).toMatchObject({ positions: 1, employees: 0 });
    expect((await admin.delete(`/api/admin/models/${encodeURIComponent(HAIKU)}`)).status).toBe(200);
    expect((await admin.get("/api/admin/models")).body.models.map((m: { id: string }) => m.id)).not.toContain(HAIKU);
    expect((await admin.delete(`/api/admin/models/${encodeURIComponent(HAIKU)}`)).status).toBe(404);
    expect((await auditEvents("config.changed")).at(-1)).toMatchObject({ detail: { area: "models", action: "withdrawn", modelId: HAIKU } });
  });
});

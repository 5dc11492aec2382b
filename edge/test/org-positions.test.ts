import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Api = ReturnType<typeof client>;
let admin: Api;
let manager: Api; // emp-mike, manager of Enterprise Sales; Account Executive (pos-ae) belongs to Sales above it
let entPosition: string; // a position created in Enterprise Sales

const planVersionOf = async (employeeId: string) => (await testEnv.EMPLOYEE_AGENT.getByName(employeeId).provision(employeeId)).planVersion;

describe("positions", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });

  it("creates a position with capabilities, default skills and a runtime; audited and versioned", async () => {
    const version = await configVersion();
    const res = await admin.post("/api/admin/positions", {
      name: "Key Account Manager",
      departmentId: "dept-sales-ent",
      capabilities: ["web_search", "file"],
      defaultSkills: ["crm-query", "summarize"],
      runtimeId: "rt-standard",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Key Account Manager", departmentId: "dept-sales-ent", capabilities: ["web_search", "file"], defaultSkills: ["crm-query", "summarize"], runtimeId: "rt-standard" });
    entPosition = res.body.id;
    expect(await configVersion()).toBe(version + 1);
    expect((await auditEvents("org.position_created")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { positionId: entPosition, capabilities: ["web_search", "file"] } });
    expect((await admin.post("/api/admin/positions", { name: "Minimal", departmentId: "dept-hr" })).body).toMatchObject({ capabilities: [], defaultSkills: [], runtimeId: null });
  });

  it("rejects unknown capabilities, skills, runtimes and departments with 400 naming the field", async () => {
    const body = { name: "Broken", departmentId: "dept-hr" };
    const issuesOf = async (extra: object) => (await admin.post("/api/admin/positions", { ...body, ...extra })).body.error.issues;
    expect(await issuesOf({ capabilities: ["shell", "shell"] })).toEqual([{ path: "capabilities", message: "lists a capability twice" }]);
    expect(await issuesOf({ defaultSkills: ["summarize", "no-such-skill"] })).toEqual([{ path: "defaultSkills", message: "no such skill: no-such-skill" }]);
    expect(await issuesOf({ runtimeId: "rt-nowhere" })).toEqual([{ path: "runtimeId", message: "no such runtime" }]);
    expect(await issuesOf({ departmentId: "dept-nowhere" })).toEqual([{ path: "departmentId", message: "no such department" }]);
    const count = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM positions WHERE name = 'Broken'").first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it("shows a manager the positions of their subtree and, read-only, those of the departments above it", async () => {
    const ids = (await manager.get("/api/admin/positions")).body.positions.map((p: { id: string }) => p.id).sort();
    expect(ids).toEqual([entPosition, "pos-ae"].sort());
    expect((await manager.get("/api/admin/positions/pos-ae")).status).toBe(200);
    expect((await manager.get("/api/admin/positions/pos-fa")).status).toBe(404);
    const aboveTheirs = await manager.patch("/api/admin/positions/pos-ae", { capabilities: ["web_search", "file", "shell"] });
    expect(aboveTheirs.status).toBe(403);
    expect((await admin.get("/api/admin/positions/pos-ae")).body.capabilities).toEqual(["web_search", "file"]);
  });

  it("lets a manager change a position of their subtree, but not move it out of their scope", async () => {
    const res = await manager.patch(`/api/admin/positions/${entPosition}`, { capabilities: ["web_search", "file", "browser"] });
    expect(res.status).toBe(200);
    expect(res.body.capabilities).toEqual(["web_search", "file", "browser"]);
    expect((await auditEvents("org.position_updated")).at(-1)).toMatchObject({
      actor: "emp-mike",
      detail: { positionId: entPosition, capabilities: { from: ["web_search", "file"], to: ["web_search", "file", "browser"] } },
    });
    const away = await manager.patch(`/api/admin/positions/${entPosition}`, { departmentId: "dept-finance" });
    expect(away.status).toBe(400);
    expect(away.body.error.issues).toEqual([{ path: "departmentId", message: "no such department" }]);
    expect((await manager.patch("/api/admin/positions/pos-fa", { name: "Mine" })).status).toBe(404);
    expect((await manager.post("/api/admin/positions", { name: "Mine", departmentId: "dept-sales-ent" })).status).toBe(403);
    expect((await manager.delete(`/api/admin/positions/${entPosition}`)).status).toBe(403);
  });

  it("a capability change reaches the next plan of everyone holding the position, without a redeploy", async () => {
    const before = await planVersionOf("emp-carol");
    const res = await admin.patch("/api/admin/positions/pos-fa", { capabilities: ["web_search", "file", "code_execution"] });
    expect(res.status).toBe(200);
    expect(await planVersionOf("emp-carol")).not.toBe(before);
  });

  it("refuses to delete a held position (409 with blockers) and force-deletes its holders, ending their sessions", async () => {
    const carol = client(await signInAs("emp-carol"));
    expect((await carol.get("/api/auth/me")).status).toBe(200);
    const guarded = await admin.delete("/api/admin/positions/pos-fa");
    expect(guarded.status).toBe(409);
    expect(guarded.body.error.blockers).toEqual({ employees: 2, departments: 0, positions: 0 });
    expect((await admin.get("/api/admin/employees/emp-carol")).status).toBe(200);

    const forced = await admin.delete("/api/admin/positions/pos-fa?force=true");
    expect(forced.status).toBe(200);
    expect(forced.body.deleted).toEqual({ departments: [], positions: ["pos-fa"], employees: ["emp-carol", "emp-david"] });
    expect((await carol.get("/api/auth/me")).status).toBe(401);
    expect((await admin.get("/api/admin/employees/emp-david")).status).toBe(404);
    const layers = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM soul_layers WHERE scope_id IN ('pos-fa', 'emp-carol', 'emp-david')").first<{ n: number }>();
    expect(layers?.n).toBe(0);
    expect((await auditEvents("org.position_deleted")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { positionId: "pos-fa", force: true } });
  });

  it("deletes an unheld position without force", async () => {
    const res = await admin.delete(`/api/admin/positions/${entPosition}`);
    expect(res.status).toBe(200);
    expect((await manager.get(`/api/admin/positions/${entPosition}`)).status).toBe(404);
  });
});

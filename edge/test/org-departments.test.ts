import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Api = ReturnType<typeof client>;
let admin: Api;
let manager: Api; // emp-mike, manager of Enterprise Sales (dept-sales-ent)

const countOf = async (table: string) => (await testEnv.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe("departments", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });

  it("lists every department for an admin, flat and as a tree", async () => {
    const flat = await admin.get("/api/admin/departments");
    expect(flat.status).toBe(200);
    expect(flat.body.departments).toHaveLength(13);
    const tree = await admin.get("/api/admin/departments/tree");
    const roots = tree.body.roots as { id: string; children: { id: string }[] }[];
    expect(roots).toHaveLength(7);
    expect(roots.find((r) => r.id === "dept-eng")!.children.map((c) => c.id).sort()).toEqual(["dept-eng-backend", "dept-eng-frontend", "dept-eng-platform", "dept-eng-qa"]);
  });

  it("shows a manager only their subtree, with their department as the root", async () => {
    expect((await manager.get("/api/admin/departments")).body.departments.map((d: { id: string }) => d.id)).toEqual(["dept-sales-ent"]);
    expect((await manager.get("/api/admin/departments/tree")).body.roots).toEqual([{ id: "dept-sales-ent", name: "Enterprise Sales", parentId: "dept-sales", roleName: "sales", children: [] }]);
    expect((await manager.get("/api/admin/departments/dept-sales-ent")).status).toBe(200);
  });

  it("answers an out-of-scope department exactly like a missing one", async () => {
    const outOfScope = await manager.get("/api/admin/departments/dept-finance");
    const missing = await manager.get("/api/admin/departments/dept-nowhere");
    expect(outOfScope.status).toBe(404);
    expect(outOfScope.body).toEqual(missing.body);
    expect((await manager.patch("/api/admin/departments/dept-finance", { name: "Mine" })).status).toBe(404);
  });

  it("lets only admins create, change and delete departments", async () => {
    expect((await manager.post("/api/admin/departments", { name: "Strategic Accounts", parentId: "dept-sales-ent" })).status).toBe(403);
    expect((await manager.patch("/api/admin/departments/dept-sales-ent", { name: "Mine" })).status).toBe(403);
    expect((await manager.delete("/api/admin/departments/dept-sales-ent")).status).toBe(403);
    expect((await admin.get("/api/admin/departments/dept-sales-ent")).body.name).toBe("Enterprise Sales");
  });

  it("creates a sub-department that inherits the role name, bumps the config version, audits, and widens the manager's scope", async () => {
    const before = await configVersion();
    const res = await admin.post("/api/admin/departments", { name: "Strategic Accounts", parentId: "dept-sales-ent" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Strategic Accounts", parentId: "dept-sales-ent", roleName: "sales" });
    expect(res.body.id).toMatch(/^dept-[0-9a-z]{26}$/);
    expect(await configVersion()).toBe(before + 1);
    expect((await auditEvents("org.department_created")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { departmentId: res.body.id, parentId: "dept-sales-ent" } });
    const tree = await manager.get("/api/admin/departments/tree");
    expect(tree.body.roots[0].children.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    expect((await manager.get(`/api/admin/departments/${res.body.id}`)).status).toBe(200);
  });

  it("rejects bad input with 400 and changes nothing", async () => {
    const before = await countOf("departments");
    const version = await configVersion();
    const topLevelWithoutRole = await admin.post("/api/admin/departments", { name: "Research" });
    expect(topLevelWithoutRole.status).toBe(400);
    expect(topLevelWithoutRole.body.error.issues).toEqual([{ path: "roleName", message: "is required for a top-level department" }]);
    const unknownParent = await admin.post("/api/admin/departments", { name: "Research", parentId: "dept-nowhere" });
    expect(unknownParent.body.error.issues).toEqual([{ path: "parentId", message: "no such department" }]);
    expect((await admin.post("/api/admin/departments", { name: "   ", roleName: "research" })).status).toBe(400);
    expect((await admin.post("/api/admin/departments", { name: "Research", roleName: "Not A Slug" })).status).toBe(400);
    expect((await admin.patch("/api/admin/departments/dept-hr", {})).status).toBe(400);
    expect(await countOf("departments")).toBe(before);
    expect(await configVersion()).toBe(version);
  });

  it("re-parents a department with its subtree and refuses a cycle", async () => {
    const a = (await admin.post("/api/admin/departments", { name: "Alliances", parentId: "dept-sales-ent" })).body;
    const b = (await admin.post("/api/admin/departments", { name: "Alliance Ops", parentId: a.id })).body;
    const intoOwnChild = await admin.patch(`/api/admin/departments/${a.id}`, { parentId: b.id });
    expect(intoOwnChild.status).toBe(409);
    expect(intoOwnChild.body.error.code).toBe("conflict");
    expect((await admin.patch(`/api/admin/departments/${a.id}`, { parentId: a.id })).status).toBe(409);

    const moved = await admin.patch(`/api/admin/departments/${a.id}`, { parentId: "dept-product" });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: a.id, parentId: "dept-product", name: "Alliances" });
    // Scope follows the tree: the moved subtree left Mike's view.
    expect((await manager.get(`/api/admin/departments/${b.id}`)).status).toBe(404);
    const toTop = await admin.patch(`/api/admin/departments/${a.id}`, { parentId: null, name: "Alliances Group" });
    expect(toTop.body).toMatchObject({ parentId: null, name: "Alliances Group" });
    expect((await auditEvents("org.department_updated")).at(-1)?.detail).toMatchObject({ departmentId: a.id, from: "dept-product", to: null });
  });

  it("refuses to delete a department with dependents: 409 names what blocks it, and nothing changes", async () => {
    const version = await configVersion();
    const res = await admin.delete("/api/admin/departments/dept-sales");
    expect(res.status).toBe(409);
    // Enterprise Sales, SMB Sales and Strategic Accounts (created above); the Account Executive position; Mike, Sarah and Tom.
    expect(res.body.error).toMatchObject({ code: "conflict", blockers: { departments: 3, positions: 1, employees: 3 } });
    expect(res.body.error.message).toMatch(/force=true/);
    expect((await admin.get("/api/admin/departments/dept-sales")).status).toBe(200);
    expect((await admin.get("/api/admin/employees/emp-sarah")).status).toBe(200);
    expect(await configVersion()).toBe(version);
  });

  it("deletes an empty department without force", async () => {
    const empty = (await admin.post("/api/admin/departments", { name: "Temporary", roleName: "temp" })).body;
    const res = await admin.delete(`/api/admin/departments/${empty.id}`);
    expect(res.status).toBe(200);
    expect(res.body.deleted).toEqual({ departments: [empty.id], positions: [], employees: [] });
    expect((await admin.get(`/api/admin/departments/${empty.id}`)).status).toBe(404);
  });

  it("force-deletes a whole subtree: departments, positions, employees, their sessions and layers; audited", async () => {
    const top = (await admin.post("/api/admin/departments", { name: "Field Marketing", roleName: "marketing" })).body;
    const sub = (await admin.post("/api/admin/departments", { name: "Events", parentId: top.id })).body;
    const position = (await admin.post("/api/admin/positions", { name: "Event Planner", departmentId: sub.id, capabilities: ["web_search"] })).body;
    const created = await admin.post("/api/admin/employees", {
      name: "Eve Planner",
      employeeNumber: "EMP-900",
      email: "eve@acme.example",
      positionId: position.id,
      departmentId: sub.id,
      initialPassword: "Initial-Passw0rd!",
    });
    expect(created.status).toBe(201);
    const eve = created.body.employee.id as string;
    // Someone elsewhere who holds the doomed position goes too.
    await admin.patch("/api/admin/employees/emp-priya", { positionId: position.id });
    const eveSession = await signInAs(eve, "Initial-Passw0rd!");
    const soulBefore = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM soul_layers WHERE scope_id = 'emp-priya'").first<{ n: number }>();
    expect(soulBefore?.n).toBe(1);

    const guarded = await admin.delete(`/api/admin/departments/${top.id}`);
    expect(guarded.body.error.blockers).toEqual({ departments: 1, positions: 1, employees: 2 });
    const version = await configVersion();
    const forced = await admin.delete(`/api/admin/departments/${top.id}?force=true`);
    expect(forced.status).toBe(200);
    expect(forced.body.deleted.departments.sort()).toEqual([top.id, sub.id].sort());
    expect(forced.body.deleted.positions).toEqual([position.id]);
    expect(forced.body.deleted.employees.sort()).toEqual([eve, "emp-priya"].sort());

    expect((await admin.get(`/api/admin/employees/${eve}`)).status).toBe(404);
    expect((await client(eveSession).get("/api/auth/me")).status).toBe(401);
    const soulAfter = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM soul_layers WHERE scope_id = 'emp-priya'").first<{ n: number }>();
    expect(soulAfter?.n).toBe(0);
    expect(await configVersion()).toBe(version + 1);
    expect((await auditEvents("org.department_deleted")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { departmentId: top.id, force: true } });
  });

  it("refuses a forced delete that would remove the last admin", async () => {
    // Both ACME admins (JiaDe, Chris) sit in Engineering.
    const res = await admin.delete("/api/admin/departments/dept-eng?force=true");
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/last admin/);
    expect((await admin.get("/api/admin/departments/dept-eng-platform")).status).toBe(200);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Api = ReturnType<typeof client>;
let admin: Api;
let manager: Api; // emp-mike, manager of Enterprise Sales (Sarah works there; Carol is in Finance)

const newHire = (n: number, extra: object = {}) => ({
  name: `New Hire ${n}`,
  employeeNumber: `EMP-5${String(n).padStart(2, "0")}`,
  email: `hire${n}@acme.example`,
  positionId: "pos-ae",
  departmentId: "dept-sales-ent",
  ...extra,
});

const employeeCount = async () => (await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM employees").first<{ n: number }>())!.n;

describe("employees", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });

  it("creates an employee with an initial password to change, provisions their agent, and audits both", async () => {
    const version = await configVersion();
    const res = await admin.post("/api/admin/employees", newHire(1, { tags: ["intern"], language: "de", initialPassword: "Welcome-to-ACME-1" }));
    expect(res.status).toBe(201);
    const { employee, agent } = res.body;
    expect(employee).toMatchObject({ name: "New Hire 1", role: "employee", tags: ["intern"], language: "de", mustChangePassword: true, hasPassword: true });
    expect(JSON.stringify(res.body)).not.toMatch(/pbkdf2|Welcome-to-ACME/);
    expect(agent.status).toBe("ready");
    expect(agent.planVersion).toMatch(/^[0-9a-f]{64}$/);
    // The agent object is bound to the employee and its plan is the one the next turn will use.
    expect(await testEnv.EMPLOYEE_AGENT.getByName(employee.id).provision(employee.id)).toEqual({ planVersion: agent.planVersion });
    expect(await configVersion()).toBe(version + 1);
    expect((await auditEvents("org.employee_created")).at(-1)).toMatchObject({ actor: "emp-jiade", employee_id: employee.id, detail: { role: "employee", withPassword: true } });
    expect((await auditEvents("org.agent_provisioned")).at(-1)).toMatchObject({ employee_id: employee.id, detail: { planVersion: agent.planVersion } });
    const row = await testEnv.DB.prepare("SELECT password_hash, must_change_password FROM employees WHERE id = ?").bind(employee.id).first<{ password_hash: string; must_change_password: number }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(row?.must_change_password).toBe(1);
    // The new employee can sign in with the initial password.
    await signInAs(employee.id, "Welcome-to-ACME-1");
  });

  it("creates an SSO-only employee without a password", async () => {
    const res = await admin.post("/api/admin/employees", newHire(2));
    expect(res.body.employee).toMatchObject({ hasPassword: false, tags: [], language: "en", askAbout: "" });
  });

  it("rejects invalid employees with 400 naming the fields, and duplicates with 409; nothing is written", async () => {
    const before = await employeeCount();
    const invalid = await admin.post("/api/admin/employees", newHire(3, { email: "not-an-email", tags: ["admin"], initialPassword: "short" }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["email", "initialPassword", "tags.0"]);
    expect((await admin.post("/api/admin/employees", newHire(3, { positionId: "pos-nowhere" }))).body.error.issues).toEqual([{ path: "positionId", message: "no such position" }]);
    const sameEmail = await admin.post("/api/admin/employees", newHire(3, { email: "SARAH@acme.example" }));
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.error.message).toMatch(/email/);
    expect((await admin.post("/api/admin/employees", newHire(3, { employeeNumber: "EMP-012" }))).status).toBe(409);
    expect(await employeeCount()).toBe(before);
  });

  it("lets a manager create employees in their subtree only, never with a role or tags", async () => {
    const ok = await manager.post("/api/admin/employees", newHire(4));
    expect(ok.status).toBe(201);
    expect(ok.body.employee.role).toBe("employee");
    expect((await manager.post("/api/admin/employees", newHire(5, { role: "manager" }))).status).toBe(403);
    expect((await manager.post("/api/admin/employees", newHire(5, { role: "admin" }))).status).toBe(403);
    expect((await manager.post("/api/admin/employees", newHire(5, { tags: ["vip"] }))).status).toBe(403);
    expect((await manager.post("/api/admin/employees", newHire(5, { departmentId: "dept-finance" }))).body.error.issues).toEqual([{ path: "departmentId", message: "no such department" }]);
    // A position outside their subtree and not above it cannot be assigned (Finance Analyst).
    expect((await manager.post("/api/admin/employees", newHire(5, { positionId: "pos-fa" }))).body.error.issues).toEqual([{ path: "positionId", message: "no such position" }]);
    expect((await admin.get("/api/admin/employees?departmentId=dept-sales-ent")).body.employees.some((e: { name: string }) => e.name === "New Hire 5")).toBe(false);
  });

  it("lists employees in scope, a page at a time", async () => {
    const mine = (await manager.get("/api/admin/employees")).body;
    expect(mine.employees.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(["emp-mike", "emp-sarah"]));
    expect(mine.employees.every((e: { departmentId: string }) => e.departmentId === "dept-sales-ent")).toBe(true);
    expect((await manager.get("/api/admin/employees?departmentId=dept-finance")).body.employees).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { employees: { id: string }[]; nextCursor: string | null } } = await admin.get(`/api/admin/employees?limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.body.employees.length).toBeLessThanOrEqual(5);
      seen.push(...page.body.employees.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(await employeeCount());
    expect(new Set(seen).size).toBe(seen.length);
    expect((await admin.get("/api/admin/employees?positionId=pos-fa")).body.employees.map((e: { id: string }) => e.id)).toEqual(["emp-carol", "emp-david"]);
    expect((await admin.get("/api/admin/employees?limit=0")).status).toBe(400);
  });

  it("lets a manager change employees of their subtree, but not roles, tags, emails, other managers or themselves", async () => {
    const renamed = await manager.patch("/api/admin/employees/emp-sarah", { askAbout: "enterprise renewals", language: "fr" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: "emp-sarah", askAbout: "enterprise renewals", language: "fr", role: "employee" });
    expect((await manager.patch("/api/admin/employees/emp-sarah", { role: "manager" })).status).toBe(403);
    expect((await manager.patch("/api/admin/employees/emp-sarah", { tags: ["vip"] })).status).toBe(403);
    expect((await manager.patch("/api/admin/employees/emp-sarah", { email: "mike.alias@acme.example" })).status).toBe(403);
    expect((await manager.patch("/api/admin/employees/emp-sarah", { email: "SARAH@acme.example" })).status).toBe(200);
    expect((await manager.patch("/api/admin/employees/emp-mike", { positionId: "pos-ae", name: "Mike J." })).status).toBe(403);
    expect((await manager.patch("/api/admin/employees/emp-sarah", { departmentId: "dept-finance" })).status).toBe(400);
    expect((await manager.patch("/api/admin/employees/emp-carol", { name: "Carol" })).status).toBe(404);
    expect((await manager.delete("/api/admin/employees/emp-sarah")).status).toBe(403);
    expect((await manager.get("/api/admin/employees/emp-carol")).status).toBe(404);
  });

  it("ends an employee's sessions at once when an admin changes their role, and audits the change", async () => {
    const sarah = client(await signInAs("emp-sarah"));
    expect((await sarah.get("/api/auth/me")).status).toBe(200);
    const res = await admin.patch("/api/admin/employees/emp-sarah", { role: "manager" });
    expect(res.status).toBe(200);
    expect((await sarah.get("/api/auth/me")).status).toBe(401);
    expect((await auditEvents("org.employee_updated")).at(-1)).toMatchObject({ actor: "emp-jiade", employee_id: "emp-sarah", detail: { role: { from: "employee", to: "manager" } } });
    // Now a manager, Sarah is read-only to Mike.
    expect((await manager.patch("/api/admin/employees/emp-sarah", { language: "en" })).status).toBe(403);
  });

  it("deletes an employee: their sessions end and their record is gone; audited", async () => {
    const tom = client(await signInAs("emp-tom"));
    const res = await admin.delete("/api/admin/employees/emp-tom");
    expect(res.status).toBe(200);
    expect(res.body.deleted).toEqual({ departments: [], positions: [], employees: ["emp-tom"] });
    expect((await tom.get("/api/auth/me")).status).toBe(401);
    expect((await admin.get("/api/admin/employees/emp-tom")).status).toBe(404);
    expect((await auditEvents("org.employee_deleted")).at(-1)).toMatchObject({ actor: "emp-jiade", employee_id: "emp-tom" });
  });

  it("never leaves the organisation without an admin", async () => {
    expect((await admin.patch("/api/admin/employees/emp-chris", { role: "employee" })).status).toBe(200);
    const demoteLast = await admin.patch("/api/admin/employees/emp-jiade", { role: "manager" });
    expect(demoteLast.status).toBe(409);
    expect(demoteLast.body.error.message).toMatch(/last admin/);
    expect((await admin.delete("/api/admin/employees/emp-jiade")).status).toBe(409);
    expect((await admin.get("/api/admin/employees/emp-jiade")).body.role).toBe("admin");
  });

  it("reports a failed provisioning instead of hiding it; the employee still exists", async () => {
    await testEnv.DB.prepare("UPDATE runtimes SET is_default = 0").run();
    try {
      const position = (await admin.post("/api/admin/positions", { name: "Unrouted", departmentId: "dept-hr" })).body;
      const res = await admin.post("/api/admin/employees", newHire(6, { positionId: position.id, departmentId: "dept-hr" }));
      expect(res.status).toBe(201);
      expect(res.body.agent).toEqual({ status: "failed", message: "no default runtime is configured" });
      expect((await auditEvents("org.agent_provision_failed")).at(-1)).toMatchObject({ employee_id: res.body.employee.id });
      expect((await admin.get(`/api/admin/employees/${res.body.employee.id}`)).status).toBe(200);
    } finally {
      await testEnv.DB.prepare("UPDATE runtimes SET is_default = 1 WHERE id = 'rt-standard'").run();
    }
  });
});

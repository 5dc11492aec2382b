import { describe, expect, it } from "vitest";
import { app } from "../src/app.ts";
import { client, request } from "./org-client.ts";
import { testEnv } from "./seeded.ts";

/**
 * First-run setup on an empty database (this file's storage has no seeded org): the first admin is
 * created once, with the SETUP_TOKEN, and setup is closed from then on.
 */
const TOKEN = "test-setup-token-0123456789abcdef0123456789";
const admin = (employeeId: string, overrides: Record<string, unknown> = {}) => ({
  setupToken: TOKEN,
  employeeId,
  name: "Ada Admin",
  email: `${employeeId}@example.com`,
  password: "Correct-Horse-9-Battery",
  ...overrides,
});
const post = (body: unknown, ip = "198.51.100.7") =>
  request("/api/auth/setup", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body: JSON.stringify(body) });

const count = async (sql: string) => (await testEnv.DB.prepare(sql).first<{ n: number }>())!.n;
const nothingCreated = async () => {
  expect(await count("SELECT count(*) AS n FROM employees")).toBe(0);
  expect(await count("SELECT count(*) AS n FROM departments")).toBe(0);
  expect(await count("SELECT count(*) AS n FROM audit_events WHERE type = 'org.first_admin_created'")).toBe(0);
};

describe("first-run setup", () => {
  it("is disabled (503, nothing created) while the Worker has no SETUP_TOKEN of at least 32 characters", async () => {
    for (const SETUP_TOKEN of [undefined, "too-short"]) {
      const env = { ...testEnv, SETUP_TOKEN };
      expect(await (await app.request("/api/auth/setup", {}, env)).json()).toEqual({ needed: true, tokenConfigured: false, demo: false });
      const res = await app.request("/api/auth/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(admin("ada")) }, env);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("setup_disabled");
    }
    await nothingCreated();
  });

  it("refuses a wrong token (401, counted against the IP), an invalid body and a weak password (400), creating nothing", async () => {
    expect((await client(null).get("/api/auth/setup")).body).toEqual({ needed: true, tokenConfigured: true, demo: false });
    const wrong = await post(admin("ada", { setupToken: `${TOKEN}x` }), "203.0.113.9");
    expect(wrong.status).toBe(401);
    expect(await count("SELECT failures AS n FROM login_failures_by_ip WHERE ip = '203.0.113.9'")).toBe(1);
    expect((await post(admin("Ada Admin"))).status).toBe(400);
    expect((await post(admin("ada", { email: "not-an-email" }))).status).toBe(400);
    const weak = await post(admin("ada", { password: "short" }));
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { code: string; failedRules: Array<{ rule: string }> } }).error).toMatchObject({ code: "weak_password", failedRules: [{ rule: "min_length" }, { rule: "character_variety" }] });
    await nothingCreated();
  });

  it("creates exactly one first admin when two setups race, signs them in, audits it, and is closed from then on", async () => {
    const [first, second] = await Promise.all([post(admin("ada")), post(admin("grace", { name: "Grace Admin" }))]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const winner = first.status === 201 ? first : second;
    const me = (await winner.json()) as { employeeId: string; role: string; mustChangePassword: boolean; department: { name: string }; position: { name: string } };
    expect(me).toMatchObject({ role: "admin", mustChangePassword: false, department: { name: "IT" }, position: { name: "IT Administrator" } });
    expect(await count("SELECT count(*) AS n FROM employees WHERE role = 'admin'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM departments")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM positions")).toBe(1);
    const audited = await testEnv.DB.prepare("SELECT actor, employee_id FROM audit_events WHERE type = 'org.first_admin_created'").all();
    expect(audited.results).toEqual([{ actor: me.employeeId, employee_id: me.employeeId }]);

    // The session it set is an admin's; the password it chose signs in.
    const cookie = (winner.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect((await client(cookie).get("/api/admin/dashboard")).status).toBe(200);
    const signIn = await client(null).post("/api/auth/login", { employeeId: me.employeeId, password: "Correct-Horse-9-Battery" });
    expect(signIn).toMatchObject({ status: 200, body: { employeeId: me.employeeId, mustChangePassword: false } });

    expect((await client(null).get("/api/auth/setup")).body).toEqual({ needed: false, tokenConfigured: true, demo: false });
    const again = await post(admin("mallory"));
    expect(again.status).toBe(409);
    expect(await count("SELECT count(*) AS n FROM employees")).toBe(1);
  });

  it("answers 409 and creates nothing when employees exist but no admin does and the id or email is taken", async () => {
    await testEnv.DB.prepare("UPDATE employees SET role = 'employee'").run();
    const [taken] = (await testEnv.DB.prepare("SELECT id, email FROM employees").all<{ id: string; email: string }>()).results;
    const before = await count("SELECT count(*) AS n FROM departments");
    for (const body of [admin(taken!.id, { email: "other@example.com" }), admin("someone-new", { email: taken!.email })]) {
      const res = await post(body);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("conflict");
    }
    expect(await count("SELECT count(*) AS n FROM employees")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM departments")).toBe(before);
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE type = 'org.first_admin_created'")).toBe(1);
  });
});

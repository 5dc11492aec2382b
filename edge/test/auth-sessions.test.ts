import { beforeAll, describe, expect, it } from "vitest";
import { revokeSessions } from "../src/auth/sessions.ts";
import { auditTypes, call, createEmployee, postJson, signIn, withCookie } from "./auth-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";

const PASSWORD = "Initial-pass-2026";
const meStatus = async (cookie: string) => (await call("/api/auth/me", withCookie(cookie))).status;

async function finishFirstLogin(id: string): Promise<void> {
  await testEnv.DB.prepare("UPDATE employees SET must_change_password = 0 WHERE id = ?").bind(id).run();
}

describe("revocable sessions", () => {
  beforeAll(seedAcme);

  it("logs out everywhere: every session of the caller ends, other employees' stay", async () => {
    const laptop = await signIn("emp-carol", "acme-demo");
    const phone = await signIn("emp-carol", "acme-demo");
    const colleague = await signIn("emp-ryan", "acme-demo");
    const res = await call("/api/auth/logout-all", withCookie(phone, { method: "POST" }));
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/cg_session=;/);
    expect(await meStatus(laptop)).toBe(401);
    expect(await meStatus(phone)).toBe(401);
    expect(await meStatus(colleague)).toBe(200);
    expect(await auditTypes("emp-carol")).toContain("auth.logout_all");
  });

  it("needs a session to log out everywhere", async () => {
    expect((await call("/api/auth/logout-all", { method: "POST" })).status).toBe(401);
  });

  it("revokeSessions ends all sessions of one employee at once, optionally keeping one", async () => {
    await createEmployee("emp-rev1", PASSWORD);
    await finishFirstLogin("emp-rev1");
    const [a, b, c] = [await signIn("emp-rev1", PASSWORD), await signIn("emp-rev1", PASSWORD), await signIn("emp-rev1", PASSWORD)];
    const keep = await testEnv.DB.prepare("SELECT id FROM auth_sessions WHERE employee_id = 'emp-rev1' ORDER BY created_at DESC, rowid DESC LIMIT 1").first<{ id: string }>();
    expect(await revokeSessions(testEnv.DB, "emp-rev1", { except: keep!.id })).toBe(2);
    expect([await meStatus(a), await meStatus(b), await meStatus(c)]).toEqual([401, 401, 200]);
    expect(await revokeSessions(testEnv.DB, "emp-rev1")).toBe(1);
    expect(await meStatus(c)).toBe(401);
  });

  it("fails closed when the role changed after sign-in, even without a revoke", async () => {
    await createEmployee("emp-rev2", PASSWORD, "manager");
    await finishFirstLogin("emp-rev2");
    const cookie = await signIn("emp-rev2", PASSWORD);
    expect((await call("/api/portal/transcript", withCookie(cookie))).status).toBe(200);
    await testEnv.DB.prepare("UPDATE employees SET role = 'employee' WHERE id = 'emp-rev2'").run();
    expect((await call("/api/portal/transcript", withCookie(cookie))).status).toBe(401);
    expect(await meStatus(cookie)).toBe(401);
    // A new sign-in carries the new role and works.
    const fresh = await signIn("emp-rev2", PASSWORD);
    expect(await meStatus(fresh)).toBe(200);
  });

  it("a restricted session can still log out everywhere", async () => {
    await createEmployee("emp-rev4", PASSWORD);
    const cookie = await signIn("emp-rev4", PASSWORD);
    expect((await postJson("/api/auth/logout-all", {}, { cookie })).status).toBe(204);
    expect(await meStatus(cookie)).toBe(401);
  });
});

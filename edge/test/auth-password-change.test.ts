import { beforeAll, describe, expect, it } from "vitest";
import { auditTypes, call, cookieOf, createEmployee, login, postJson, signIn, withCookie } from "./auth-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";

const INITIAL = "Initial-pass-2026";
const STRONG = "Correct horse battery staple";

const changePassword = (cookie: string, currentPassword: string, newPassword: string) => postJson("/api/auth/password", { currentPassword, newPassword }, { cookie });

describe("forced password change on first sign-in", () => {
  beforeAll(seedAcme);

  it("lets a new employee sign in but restricts the session to me, logout and the change", async () => {
    await createEmployee("emp-new1", INITIAL);
    const res = await login("emp-new1", INITIAL);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ employeeId: "emp-new1", mustChangePassword: true });
    const cookie = cookieOf(res);

    const me = await call("/api/auth/me", withCookie(cookie));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ mustChangePassword: true });
    for (const path of ["/api/portal/transcript", "/api/runtime-info"]) {
      const blocked = await call(path, withCookie(cookie));
      expect(blocked.status).toBe(403);
      expect(await blocked.json()).toMatchObject({ error: { code: "password_change_required" } });
    }
    const chat = await postJson("/api/portal/chat", { message: "hello" }, { cookie });
    expect(chat.status).toBe(403);
  });

  it("unlocks the session once the password is changed, and the new password signs in", async () => {
    await createEmployee("emp-new2", INITIAL);
    const cookie = await signIn("emp-new2", INITIAL);
    const res = await changePassword(cookie, INITIAL, STRONG);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ employeeId: "emp-new2", mustChangePassword: false });
    expect((await call("/api/portal/transcript", withCookie(cookie))).status).toBe(200);

    expect((await login("emp-new2", INITIAL)).status).toBe(401);
    const again = await login("emp-new2", STRONG);
    expect(await again.json()).toMatchObject({ mustChangePassword: false });
    const row = await testEnv.DB.prepare("SELECT must_change_password, password_changed_at, password_hash FROM employees WHERE id = 'emp-new2'").first<{
      must_change_password: number;
      password_changed_at: string | null;
      password_hash: string;
    }>();
    expect(row).toMatchObject({ must_change_password: 0, password_hash: expect.stringMatching(/^pbkdf2-sha256\$100000\$/) });
    expect(row?.password_changed_at).not.toBeNull();
    expect(await auditTypes("emp-new2")).toEqual(expect.arrayContaining(["auth.login", "auth.password_changed"]));
  });

  it("lists exactly the rules a weak password breaks and changes nothing", async () => {
    await createEmployee("emp-new3", INITIAL);
    const cookie = await signIn("emp-new3", INITIAL);
    const cases: Array<[string, string[]]> = [
      ["short", ["min_length", "character_variety"]],
      ["lowercase1only", ["character_variety"]],
      ["Abc-1", ["min_length"]],
      ["Emp-New3-is-me!", ["not_employee_id"]],
      [INITIAL, ["not_current_password"]],
    ];
    for (const [candidate, rules] of cases) {
      const res = await changePassword(cookie, INITIAL, candidate);
      expect(res.status, candidate).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; failedRules: Array<{ rule: string; text: string }> } };
      expect(body.error.code).toBe("weak_password");
      expect(body.error.failedRules.map((f) => f.rule), candidate).toEqual(rules);
      expect(body.error.failedRules.every((f) => f.text.length > 0)).toBe(true);
    }
    const unchanged = await testEnv.DB.prepare("SELECT must_change_password FROM employees WHERE id = 'emp-new3'").first();
    expect(unchanged).toEqual({ must_change_password: 1 });
    // A long passphrase needs no mix of character classes.
    expect((await changePassword(cookie, INITIAL, "sixteen letters only")).status).toBe(200);
  });

  it("refuses a wrong current password with 403 and counts it toward the lockout", async () => {
    await createEmployee("emp-new4", INITIAL);
    const cookie = await signIn("emp-new4", INITIAL);
    const res = await changePassword(cookie, "not-the-password", STRONG);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "wrong_password" } });
    const row = await testEnv.DB.prepare("SELECT failed_logins, must_change_password FROM employees WHERE id = 'emp-new4'").first();
    expect(row).toEqual({ failed_logins: 1, must_change_password: 1 });
  });

  it("signs out the employee's other sessions but keeps the one that changed it", async () => {
    await createEmployee("emp-new5", INITIAL);
    const elsewhere = await signIn("emp-new5", INITIAL);
    const here = await signIn("emp-new5", INITIAL);
    expect((await changePassword(here, INITIAL, STRONG)).status).toBe(200);
    expect((await call("/api/auth/me", withCookie(elsewhere))).status).toBe(401);
    expect((await call("/api/auth/me", withCookie(here))).status).toBe(200);
  });

  it("needs a session and a valid body", async () => {
    expect((await postJson("/api/auth/password", { currentPassword: "x", newPassword: STRONG })).status).toBe(401);
    const cookie = await signIn("emp-carol", "acme-demo");
    const res = await postJson("/api/auth/password", { currentPassword: "acme-demo" }, { cookie });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("keeps the seeded demo accounts free of the forced change", async () => {
    const res = await login("emp-ryan", "acme-demo");
    expect(await res.json()).toMatchObject({ mustChangePassword: false });
    expect((await call("/api/portal/transcript", withCookie(cookieOf(res)))).status).toBe(200);
  });
});

import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedAcme, testEnv } from "./seeded.ts";

const worker = (exports as unknown as { default: { fetch: (r: Request) => Promise<Response> } }).default;
const call = (path: string, init: RequestInit = {}) => worker.fetch(new Request(`https://clawgate.test${path}`, init));
const login = (employeeId: string, password: string) =>
  call("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ employeeId, password }) });
const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;

describe("auth", () => {
  beforeAll(seedAcme);

  it("signs in with the demo password and sets a signed HttpOnly cookie", async () => {
    const res = await login("emp-carol", "acme-demo");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ employeeId: "emp-carol", name: "Carol Zhang", position: { name: "Finance Analyst" } });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^cg_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    const me = await call("/api/auth/me", { headers: { cookie: cookieOf(res) } });
    expect(await me.json()).toMatchObject({ employeeId: "emp-carol", role: "employee" });
  });

  it("answers a wrong password and an unknown id with the same 401", async () => {
    const wrong = await login("emp-carol", "nope");
    const unknown = await login("emp-nobody", "acme-demo");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("locks an account after five failures without saying so", async () => {
    for (let i = 0; i < 5; i++) expect((await login("emp-david", "wrong")).status).toBe(401);
    const locked = await login("emp-david", "acme-demo");
    expect(locked.status).toBe(401);
    expect(await locked.json()).toEqual({ error: { code: "bad_credentials", message: "Employee id or password is incorrect." } });
    const audited = await testEnv.DB.prepare("SELECT type, detail FROM audit_events WHERE employee_id = 'emp-david' ORDER BY id").all<{ type: string; detail: string }>();
    expect(audited.results.filter((e) => e.type === "auth.account_locked")).toHaveLength(1);
    expect(JSON.parse(audited.results.at(-1)!.detail)).toMatchObject({ reason: "locked" });
  });

  it("rejects invalid bodies with a 400 in the API error shape", async () => {
    const res = await call("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ employeeId: "" }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("needs a session for the portal and revokes it on logout", async () => {
    expect((await call("/api/auth/me")).status).toBe(401);
    expect((await call("/api/portal/transcript")).status).toBe(401);
    const cookie = cookieOf(await login("emp-ryan", "acme-demo"));
    expect((await call("/api/portal/transcript", { headers: { cookie } })).status).toBe(200);
    expect((await call("/api/auth/logout", { method: "POST", headers: { cookie } })).status).toBe(204);
    expect((await call("/api/auth/me", { headers: { cookie } })).status).toBe(401);
  });

  it("rejects a forged cookie", async () => {
    const res = await call("/api/auth/me", { headers: { cookie: "cg_session=00000000-0000-4000-8000-000000000000.forged" } });
    expect(res.status).toBe(401);
  });

  it("stores only PBKDF2 hashes and audits logins", async () => {
    const row = await testEnv.DB.prepare("SELECT password_hash FROM employees WHERE id = 'emp-carol'").first<{ password_hash: string }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    const events = await testEnv.DB.prepare("SELECT type FROM audit_events WHERE type LIKE 'auth.%'").all<{ type: string }>();
    expect(events.results.map((e) => e.type)).toEqual(expect.arrayContaining(["auth.login", "auth.login_failed", "auth.logout"]));
  });
});

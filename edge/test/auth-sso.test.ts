import { base64url } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app } from "../src/app.ts";
import { fakeIdp, IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_ISSUER, type FakeIdp, type IdpUser, type Tampering } from "./fake-idp.ts";
import { seedAcme, testEnv } from "./seeded.ts";

const CONSOLE = "https://console.test/";
const ssoVars = {
  OIDC_ISSUER: IDP_ISSUER,
  OIDC_CLIENT_ID: IDP_CLIENT_ID,
  OIDC_CLIENT_SECRET: IDP_CLIENT_SECRET,
  SSO_REDIRECT_ALLOWLIST: `${CONSOLE}, https://console.test/admin`,
  SSO_DEFAULT_POSITION_ID: "pos-csm",
};
type Vars = Partial<Record<keyof typeof ssoVars | "SSO_DEFAULT_ROLE", string | undefined>>;
const envWith = (vars: Vars = {}) => ({ ...testEnv, ...ssoVars, ...vars });

const get = (path: string, env: object, cookie?: string) => app.request(`https://clawgate.test${path}`, cookie ? { headers: { cookie } } : {}, env);
const cookieNamed = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(";")[0];
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

const carol: IdpUser = { sub: "idp|carol", email: "Carol@ACME.example", name: "Carol Zhang" };

async function lastSsoFailure(): Promise<string | undefined> {
  const row = await testEnv.DB.prepare("SELECT detail FROM audit_events WHERE type = 'auth.sso_failed' ORDER BY id DESC LIMIT 1").first<{ detail: string }>();
  return row ? (JSON.parse(row.detail) as { reason: string }).reason : undefined;
}

describe("OIDC single sign-on", () => {
  let idp: FakeIdp;

  beforeAll(async () => {
    await seedAcme();
    idp = await fakeIdp();
  });
  afterAll(() => idp.restore());

  /** Start → the IdP's page → the callback, as a browser follows the redirects. */
  async function start(env = envWith(), redirect = CONSOLE) {
    const res = await get(`/api/auth/sso/start?redirect=${encodeURIComponent(redirect)}`, env);
    expect(res.status).toBe(302);
    return { location: res.headers.get("location")!, flowCookie: cookieNamed(res, "cg_sso_flow")! };
  }
  async function signInWithSso(user: IdpUser, tampering: Tampering = {}, env = envWith()) {
    const { location, flowCookie } = await start(env);
    const callback = new URL(idp.authorize(location, user, tampering));
    return get(callback.pathname + callback.search, env, flowCookie);
  }

  it("says whether SSO is on and never returns the client secret", async () => {
    const on = await get("/api/auth/sso", envWith());
    const text = await on.text();
    expect(JSON.parse(text)).toEqual({ enabled: true });
    expect(text).not.toContain(IDP_CLIENT_SECRET);
    expect(await (await get("/api/auth/sso", testEnv)).json()).toEqual({ enabled: false });
    expect((await get("/api/auth/sso/start", testEnv)).status).toBe(404);
  });

  it("redirects to the IdP with PKCE S256, state and nonce — and no secret in the URL", async () => {
    const { location, flowCookie } = await start();
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${IDP_ISSUER}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: IDP_CLIENT_ID,
      redirect_uri: "https://clawgate.test/api/auth/sso/callback",
      code_challenge_method: "S256",
    });
    for (const name of ["state", "nonce", "code_challenge"]) expect(url.searchParams.get(name)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location).not.toContain(IDP_CLIENT_SECRET);
    expect(flowCookie).toMatch(/^cg_sso_flow=/);
  });

  it("signs an existing employee in by email and lands on the allowlisted console", async () => {
    const res = await signInWithSso(carol);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(CONSOLE);
    const session = cookieNamed(res, "cg_session")!;
    expect(res.headers.getSetCookie().find((c) => c.startsWith("cg_session="))).toMatch(/HttpOnly/i);
    const me = await get("/api/auth/me", envWith(), session);
    expect(await me.json()).toMatchObject({ employeeId: "emp-carol", role: "employee", mustChangePassword: false });
    // The token request proved possession of the verifier and authenticated the client.
    const tokenRequest = idp.tokenRequests.at(-1)!;
    expect(tokenRequest.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const login = await testEnv.DB.prepare("SELECT detail FROM audit_events WHERE type = 'auth.login' AND employee_id = 'emp-carol' ORDER BY id DESC LIMIT 1").first<{ detail: string }>();
    expect(JSON.parse(login!.detail)).toMatchObject({ method: "sso", subject: "idp|carol" });
  });

  it("refuses a redirect that is not on the allowlist before going to the IdP", async () => {
    for (const redirect of ["https://evil.test/", "https://console.test.evil.test/", "https://console.test/admin/../../evil", "//evil.test", "javascript:alert(1)"]) {
      const res = await get(`/api/auth/sso/start?redirect=${encodeURIComponent(redirect)}`, envWith());
      expect(res.status, redirect).toBe(400);
      expect((await errorOf(res)).code).toBe("redirect_not_allowed");
      expect(res.headers.get("location")).toBeNull();
    }
  });

  const rejected: Array<[string, Tampering, number, string]> = [
    ["a wrong issuer", { claims: { iss: "https://evil.test" } }, 401, "bad_iss"],
    ["a wrong audience", { claims: { aud: "another-client" } }, 401, "bad_aud"],
    ["a nonce from another sign-in", { claims: { nonce: "replayed-nonce" } }, 401, "bad_nonce"],
    ["an expired token", { claims: { iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 600 } }, 401, "token_expired"],
    ["a signature by a key the IdP does not publish", { foreignKey: true }, 401, "bad_signature"],
    ["a code issued for another PKCE challenge", { codeChallenge: base64url.encode(new Uint8Array(32)) }, 401, "code_rejected"],
  ];
  for (const [what, tampering, status, reason] of rejected) {
    it(`rejects ${what} without a session`, async () => {
      const res = await signInWithSso(carol, tampering);
      expect(res.status).toBe(status);
      expect((await errorOf(res)).code).toBe("sso_failed");
      expect(cookieNamed(res, "cg_session")).toBeUndefined();
      expect(await lastSsoFailure()).toBe(reason);
    });
  }

  it("requires a verified email", async () => {
    for (const email_verified of [false, "true", undefined]) {
      const res = await signInWithSso({ ...carol, email_verified });
      expect(res.status).toBe(403);
      expect(cookieNamed(res, "cg_session")).toBeUndefined();
      expect(await lastSsoFailure()).toBe("email_unverified");
    }
  });

  it("rejects a tampered state, a state from another browser and a replayed callback", async () => {
    const { location, flowCookie } = await start();
    const callback = new URL(idp.authorize(location, carol));
    const state = callback.searchParams.get("state")!;

    const tampered = new URL(callback);
    tampered.searchParams.set("state", `${state.slice(0, -1)}${state.endsWith("A") ? "B" : "A"}`);
    expect((await get(tampered.pathname + tampered.search, envWith(), flowCookie)).status).toBe(400);

    // Without the flow cookie: someone else's callback link opened in this browser (login CSRF).
    const { location: victimLocation } = await start();
    const foreign = new URL(idp.authorize(victimLocation, carol));
    const csrf = await get(foreign.pathname + foreign.search, envWith());
    expect(csrf.status).toBe(400);
    expect((await errorOf(csrf)).code).toBe("bad_state");

    // The tampered attempt did not consume the real flow; it completes once and only once.
    const first = await get(callback.pathname + callback.search, envWith(), flowCookie);
    expect(first.status).toBe(302);
    const replay = await get(callback.pathname + callback.search, envWith(), flowCookie);
    expect(replay.status).toBe(400);
    expect(cookieNamed(replay, "cg_session")).toBeUndefined();
  });

  it("reports an IdP refusal", async () => {
    const { location, flowCookie } = await start();
    const state = new URL(location).searchParams.get("state")!;
    const res = await get(`/api/auth/sso/callback?state=${state}&error=access_denied`, envWith(), flowCookie);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toContain("access_denied");
  });

  it("provisions an unknown verified email just in time: default position and role, never admin", async () => {
    const res = await signInWithSso({ sub: "idp|new-hire", email: "new.hire@acme.example", name: "Nia Newhire" });
    expect(res.status).toBe(302);
    const row = await testEnv.DB.prepare("SELECT id, name, role, position_id, department_id, password_hash, must_change_password FROM employees WHERE email = 'new.hire@acme.example'").first<Record<string, unknown>>();
    const position = await testEnv.DB.prepare("SELECT department_id FROM positions WHERE id = 'pos-csm'").first<{ department_id: string }>();
    expect(row).toMatchObject({ name: "Nia Newhire", role: "employee", position_id: "pos-csm", department_id: position!.department_id, password_hash: null, must_change_password: 0 });
    const me = await get("/api/auth/me", envWith(), cookieNamed(res, "cg_session"));
    expect(await me.json()).toMatchObject({ employeeId: row!.id, role: "employee", position: { id: "pos-csm" } });
    const events = await testEnv.DB.prepare("SELECT type FROM audit_events WHERE employee_id = ?").bind(row!.id).all<{ type: string }>();
    expect(events.results.map((e) => e.type)).toEqual(expect.arrayContaining(["auth.sso_provisioned", "auth.login"]));

    // The second sign-in finds the same employee instead of creating another.
    expect((await signInWithSso({ sub: "idp|new-hire", email: "new.hire@acme.example" })).status).toBe(302);
    const count = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM employees WHERE email = 'new.hire@acme.example'").first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it("provisions as manager only when configured so, and refuses a configuration that says admin", async () => {
    const manager = await signInWithSso({ sub: "idp|lead", email: "team.lead@acme.example" }, {}, envWith({ SSO_DEFAULT_ROLE: "manager" }));
    expect(manager.status).toBe(302);
    expect(await testEnv.DB.prepare("SELECT role FROM employees WHERE email = 'team.lead@acme.example'").first()).toEqual({ role: "manager" });

    const admin = await get(`/api/auth/sso/start?redirect=${encodeURIComponent(CONSOLE)}`, envWith({ SSO_DEFAULT_ROLE: "admin" }));
    expect(admin.status).toBe(500);
    expect((await errorOf(admin)).code).toBe("misconfigured");
  });

  it("without provisioning, an unknown email gets 403 and no account", async () => {
    const res = await signInWithSso({ sub: "idp|stranger", email: "stranger@acme.example" }, {}, envWith({ SSO_DEFAULT_POSITION_ID: undefined }));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("sso_failed");
    expect(await lastSsoFailure()).toBe("not_provisioned");
    expect(await testEnv.DB.prepare("SELECT id FROM employees WHERE email = 'stranger@acme.example'").first()).toBeNull();
  });
});

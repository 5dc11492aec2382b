import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { ApiError, SsoStatus } from "@clawgate/contracts";
import { audit } from "../../audit.ts";
import { requireSsoConfig, ssoConfig } from "../../auth/oidc-config.ts";
import { discoverProvider } from "../../auth/oidc-discovery.ts";
import { beginFlow, s256Challenge, takeFlow } from "../../auth/oidc-flow.ts";
import { employeeForIdentity } from "../../auth/oidc-provisioning.ts";
import { exchangeCode, SsoRejected, verifyIdToken } from "../../auth/oidc-tokens.ts";
import { cookieSecret, isHttps, startSession } from "../../auth/sessions.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, jsonContent } from "../../http/openapi.ts";

/** Binds a flow to the browser that started it, so nobody can complete their sign-in in a victim's browser. */
const FLOW_COOKIE = "cg_sso_flow";
const FLOW_COOKIE_PATH = "/api/auth/sso";
const CALLBACK_PATH = "/api/auth/sso/callback";

const callbackUrl = (c: Context) => `${new URL(c.req.url).origin}${CALLBACK_PATH}`;

const common = { tags: ["auth"] };
const idpErrors = {
  404: jsonContent(ApiError, "Single sign-on is not configured"),
  500: jsonContent(ApiError, "Single sign-on is misconfigured"),
  502: jsonContent(ApiError, "The identity provider could not be reached or answered nonsense"),
};

const status = createRoute({
  ...common,
  method: "get",
  path: "/sso",
  summary: "Whether single sign-on is configured",
  responses: { 200: jsonContent(SsoStatus, "SSO on or off") },
});

const start = createRoute({
  ...common,
  method: "get",
  path: "/sso/start",
  summary: "Start an OIDC sign-in: 302 to the identity provider (authorization code + PKCE S256, state, nonce)",
  request: { query: z.object({ redirect: z.string().max(2048).optional().describe("Where to land afterwards: one of SSO_REDIRECT_ALLOWLIST (default: its first entry)") }) },
  responses: {
    302: { description: "To the identity provider's authorization endpoint; sets a short-lived flow cookie" },
    400: jsonContent(ApiError, "`redirect` is not on the allowlist (`redirect_not_allowed`)"),
    ...idpErrors,
  },
});

const callback = createRoute({
  ...common,
  method: "get",
  path: "/sso/callback",
  summary: "The identity provider's redirect back: verifies the id_token, signs in (or provisions) the employee, 302 to the console",
  request: {
    query: z.object({
      state: z.string().min(1).max(512),
      code: z.string().min(1).max(4096).optional(),
      error: z.string().max(256).optional(),
    }),
  },
  responses: {
    302: { description: "Signed in: session cookie set, on to the allowlisted redirect" },
    400: jsonContent(ApiError, "Unknown, expired, replayed or foreign `state` (`bad_state`), or no code"),
    401: jsonContent(ApiError, "`sso_failed`: the IdP refused, or the id_token failed a check (signature, issuer, audience, expiry, nonce)"),
    403: jsonContent(ApiError, "`sso_failed`: email not verified, or no such employee and no provisioning"),
    ...idpErrors,
  },
});

export const ssoRoutes = apiRouter()
  .openapi(status, (c) => c.json({ enabled: ssoConfig(c.env) !== null }, 200))
  .openapi(start, async (c) => {
    const config = requireSsoConfig(c.env);
    const redirectTo = c.req.valid("query").redirect ?? config.redirectAllowlist[0]!;
    if (!config.redirectAllowlist.includes(redirectTo)) throw new ApiFailure(400, "redirect_not_allowed", "That redirect address is not on the sign-in allowlist.");

    const provider = await discoverProvider(config.issuer);
    const flow = await beginFlow(c.env.DB, redirectTo);
    await setSignedCookie(c, FLOW_COOKIE, flow.state, cookieSecret(c.env), { httpOnly: true, secure: isHttps(c), sameSite: "Lax", path: FLOW_COOKIE_PATH, maxAge: 600 });
    const authorize = new URL(provider.authorization_endpoint);
    for (const [key, value] of Object.entries({
      response_type: "code",
      client_id: config.clientId,
      redirect_uri: callbackUrl(c),
      scope: "openid email profile",
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await s256Challenge(flow.codeVerifier),
      code_challenge_method: "S256",
    })) {
      authorize.searchParams.set(key, value);
    }
    return c.redirect(authorize.href, 302);
  })
  .openapi(callback, async (c) => {
    const config = requireSsoConfig(c.env);
    const { state, code, error } = c.req.valid("query");
    const db = c.env.DB;

    const boundState = await getSignedCookie(c, cookieSecret(c.env), FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, { path: FLOW_COOKIE_PATH, secure: isHttps(c) });
    // Only the browser that started the flow may finish it; a mismatch leaves the flow for that browser.
    const flow = boundState === state ? await takeFlow(db, state) : null;
    if (!flow) {
      await audit(db, "auth.sso_failed", "anonymous", null, { reason: boundState === state ? "unknown_state" : "state_not_bound" });
      throw new ApiFailure(400, "bad_state", "This sign-in is invalid or has expired. Start again.");
    }
    try {
      if (error) throw new SsoRejected(401, "idp_error", `The identity provider did not sign you in (${error}).`);
      if (!code) throw new ApiFailure(400, "invalid_request", "code: required");
      const provider = await discoverProvider(config.issuer);
      const idToken = await exchangeCode(provider, config, { code, redirectUri: callbackUrl(c), codeVerifier: flow.codeVerifier });
      const identity = await verifyIdToken(idToken, { jwksUri: provider.jwks_uri, issuer: config.issuer, clientId: config.clientId, nonce: flow.nonce });
      const employee = await employeeForIdentity(c.env, identity, config.provisioning);
      await startSession(c, employee, "sso");
      await audit(db, "auth.login", employee.id, employee.id, { method: "sso", subject: identity.subject });
      return c.redirect(flow.redirectTo, 302);
    } catch (failure) {
      if (failure instanceof SsoRejected) await audit(db, "auth.sso_failed", "anonymous", null, { reason: failure.reason });
      throw failure;
    }
  });

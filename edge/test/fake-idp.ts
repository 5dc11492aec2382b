import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { vi } from "vitest";

/**
 * Test-only OpenID Connect provider at the fetch boundary: discovery, JWKS and a token endpoint
 * that checks the client's credentials, the code, the redirect URI and the PKCE verifier against
 * the challenge, and answers with an id_token signed by a real RSA key.
 */
export const IDP_ISSUER = "https://idp.test";
export const IDP_CLIENT_ID = "clawgate-console";
export const IDP_CLIENT_SECRET = "idp-client-secret-never-returned";

export interface IdpUser {
  sub: string;
  email: string;
  email_verified?: unknown;
  name?: string;
}

/** Ways to make the next id_token or code wrong, as a broken or hostile IdP (or attacker) would. */
export interface Tampering {
  claims?: JWTPayload;
  /** Sign with a key the JWKS does not publish. */
  foreignKey?: boolean;
  /** The code was issued for someone else's PKCE challenge (an injected authorization code). */
  codeChallenge?: string;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string;
  user: IdpUser;
  tampering: Tampering;
}

export interface FakeIdp {
  /** The IdP's sign-in page: given the authorization URL the edge redirected to, returns the callback URL. */
  authorize: (authorizationUrl: string, user: IdpUser, tampering?: Tampering) => string;
  tokenRequests: URLSearchParams[];
  restore: () => void;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function s256(verifier: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}

export async function fakeIdp(): Promise<FakeIdp> {
  const signing = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256");
  const publicJwk = { ...(await exportJWK(signing.publicKey)), kid: `key-${crypto.randomUUID()}`, alg: "RS256", use: "sig" };
  const codes = new Map<string, IssuedCode>();
  const tokenRequests: URLSearchParams[] = [];

  const sign = (payload: JWTPayload, key: CryptoKey, kid: string) => new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid }).sign(key);

  async function token(request: Request): Promise<Response> {
    const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    tokenRequests.push(form);
    const expectedAuth = `Basic ${btoa(`${IDP_CLIENT_ID}:${IDP_CLIENT_SECRET}`)}`;
    if (request.headers.get("authorization") !== expectedAuth) return json({ error: "invalid_client" }, 401);
    const issued = codes.get(form.get("code") ?? "");
    codes.delete(form.get("code") ?? "");
    if (form.get("grant_type") !== "authorization_code" || !issued) return json({ error: "invalid_grant" }, 400);
    if (form.get("redirect_uri") !== issued.redirectUri) return json({ error: "invalid_grant", error_description: "redirect_uri" }, 400);
    if ((await s256(form.get("code_verifier") ?? "")) !== issued.codeChallenge) return json({ error: "invalid_grant", error_description: "PKCE" }, 400);
    const { user, tampering } = issued;
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      iss: IDP_ISSUER,
      aud: issued.clientId,
      sub: user.sub,
      email: user.email,
      email_verified: "email_verified" in user ? user.email_verified : true,
      ...(user.name ? { name: user.name } : {}),
      nonce: issued.nonce,
      iat: now,
      exp: now + 300,
      ...tampering.claims,
    };
    const idToken = tampering.foreignKey ? await sign(claims, foreign.privateKey, "key-foreign") : await sign(claims, signing.privateKey, publicJwk.kid);
    return json({ access_token: "opaque", token_type: "Bearer", expires_in: 300, id_token: idToken });
  }

  const original = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(IDP_ISSUER)) return original(input, init);
    const path = new URL(request.url).pathname;
    if (path === "/.well-known/openid-configuration") {
      return json({
        issuer: IDP_ISSUER,
        authorization_endpoint: `${IDP_ISSUER}/authorize`,
        token_endpoint: `${IDP_ISSUER}/token`,
        jwks_uri: `${IDP_ISSUER}/jwks`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (path === "/jwks") return json({ keys: [publicJwk] });
    if (path === "/token" && request.method === "POST") return token(request);
    return json({ error: "not_found" }, 404);
  });

  return {
    authorize(authorizationUrl, user, tampering = {}) {
      const url = new URL(authorizationUrl);
      const param = (name: string) => url.searchParams.get(name) ?? "";
      if (url.origin + url.pathname !== `${IDP_ISSUER}/authorize`) throw new Error(`not this IdP's authorization endpoint: ${authorizationUrl}`);
      if (param("response_type") !== "code" || param("code_challenge_method") !== "S256" || !param("scope").split(" ").includes("openid")) {
        throw new Error(`unsupported authorization request: ${authorizationUrl}`);
      }
      const code = crypto.randomUUID();
      codes.set(code, {
        clientId: param("client_id"),
        redirectUri: param("redirect_uri"),
        codeChallenge: tampering.codeChallenge ?? param("code_challenge"),
        nonce: param("nonce"),
        user,
        tampering,
      });
      const callback = new URL(param("redirect_uri"));
      callback.searchParams.set("code", code);
      callback.searchParams.set("state", param("state"));
      return callback.href;
    },
    tokenRequests,
    restore: () => spy.mockRestore(),
  };
}

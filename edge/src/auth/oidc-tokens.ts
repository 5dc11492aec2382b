import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { ApiFailure } from "../http/errors.ts";
import type { ProviderMetadata } from "./oidc-discovery.ts";

/** Asymmetric algorithms only: a symmetric or "none" id_token is never accepted. */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];
const CLOCK_TOLERANCE_SECONDS = 30;

/** jose caches keys per set and refetches on an unknown kid, so one set per JWKS URL per isolate. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySet(jwksUri: string) {
  let set = keySets.get(jwksUri);
  if (!set) keySets.set(jwksUri, (set = createRemoteJWKSet(new URL(jwksUri))));
  return set;
}

export class SsoRejected extends ApiFailure {
  readonly reason: string;

  constructor(status: 401 | 403, reason: string, message: string) {
    super(status, "sso_failed", message);
    this.reason = reason;
  }
}

const TokenResponse = z.object({ id_token: z.string().min(1) });

/** Exchanges the authorization code (with the PKCE verifier) at the token endpoint; client_secret_basic. */
export async function exchangeCode(
  provider: ProviderMetadata,
  client: { clientId: string; clientSecret: string },
  grant: { code: string; redirectUri: string; codeVerifier: string },
): Promise<string> {
  const basic = btoa(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`);
  let res: Response;
  try {
    res = await fetch(provider.token_endpoint, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "authorization_code", code: grant.code, redirect_uri: grant.redirectUri, code_verifier: grant.codeVerifier }),
    });
  } catch (error) {
    throw new ApiFailure(502, "idp_unavailable", `The identity provider's token endpoint could not be reached (${(error as Error).message}).`);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const idpError = typeof body === "object" && body && "error" in body ? String(body.error) : `HTTP ${res.status}`;
    throw new SsoRejected(401, "code_rejected", `The identity provider refused the authorization code (${idpError}).`);
  }
  const parsed = TokenResponse.safeParse(body);
  if (!parsed.success) throw new SsoRejected(401, "no_id_token", "The identity provider returned no id_token.");
  return parsed.data.id_token;
}

export interface SsoIdentity {
  subject: string;
  email: string;
  name: string | null;
}

/** jose's verdict as a sign-in refusal; anything that is not a verification failure stays a crash. */
function asRejection(error: unknown): unknown {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return new ApiFailure(502, "idp_unavailable", "The identity provider's signing keys could not be read.");
  if (error instanceof errors.JWTExpired) return new SsoRejected(401, "token_expired", "The id_token has expired.");
  if (error instanceof errors.JWTClaimValidationFailed) return new SsoRejected(401, `bad_${error.claim}`, `The id_token's ${error.claim} claim is not acceptable (${error.reason}).`);
  if (error instanceof errors.JOSEError) return new SsoRejected(401, "bad_signature", `The id_token could not be verified (${error.code}).`);
  return error;
}

/**
 * Verifies the id_token: signature against the IdP's JWKS, issuer, audience (and azp when there
 * are several audiences), expiry, the nonce of this flow, and a verified email.
 */
export async function verifyIdToken(
  idToken: string,
  expected: { jwksUri: string; issuer: string; clientId: string; nonce: string },
): Promise<SsoIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySet(expected.jwksUri), {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "exp", "iat"],
    }));
  } catch (error) {
    throw asRejection(error);
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload["azp"] !== expected.clientId) {
    throw new SsoRejected(401, "bad_azp", "The id_token was issued to another party (azp).");
  }
  if (payload["nonce"] !== expected.nonce) throw new SsoRejected(401, "bad_nonce", "The id_token's nonce does not match this sign-in.");
  const email = payload["email"];
  if (typeof email !== "string" || !email.includes("@")) throw new SsoRejected(403, "no_email", "The identity provider did not share an email address.");
  if (payload["email_verified"] !== true) throw new SsoRejected(403, "email_unverified", "The identity provider has not verified this email address.");
  const name = payload["name"];
  return { subject: payload.sub!, email: email.toLowerCase(), name: typeof name === "string" && name.trim() ? name.trim() : null };
}

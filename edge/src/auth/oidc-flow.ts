import { base64url } from "jose";

/** An authorization request lives ten minutes and can be completed once. */
const FLOW_TTL_MS = 10 * 60 * 1000;
const encoder = new TextEncoder();

export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectTo: string;
}

/** 256 bits from the platform CSPRNG, base64url (43 characters: a valid PKCE verifier too). */
const randomToken = () => base64url.encode(crypto.getRandomValues(new Uint8Array(32)));

export async function s256Challenge(codeVerifier: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(codeVerifier))));
}

/** Opens a flow: state, nonce and PKCE verifier stay on the server; only the challenge leaves. */
export async function beginFlow(db: D1Database, redirectTo: string, now = Date.now()): Promise<OidcFlow> {
  const flow = { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken(), redirectTo };
  await db.batch([
    db.prepare("DELETE FROM oidc_flows WHERE expires_at <= ?").bind(new Date(now).toISOString()),
    db
      .prepare("INSERT INTO oidc_flows (state, nonce, code_verifier, redirect_to, expires_at) VALUES (?, ?, ?, ?, ?)")
      .bind(flow.state, flow.nonce, flow.codeVerifier, redirectTo, new Date(now + FLOW_TTL_MS).toISOString()),
  ]);
  return flow;
}

/** Consumes the flow of a callback's state: a replayed, expired or unknown state yields null. */
export async function takeFlow(db: D1Database, state: string, now = Date.now()): Promise<OidcFlow | null> {
  const row = await db
    .prepare("DELETE FROM oidc_flows WHERE state = ? RETURNING nonce, code_verifier, redirect_to, expires_at")
    .bind(state)
    .first<{ nonce: string; code_verifier: string; redirect_to: string; expires_at: string }>();
  if (!row || Date.parse(row.expires_at) <= now) return null;
  return { state, nonce: row.nonce, codeVerifier: row.code_verifier, redirectTo: row.redirect_to };
}

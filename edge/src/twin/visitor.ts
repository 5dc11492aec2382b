import { sha256Hex } from "@clawgate/contracts";
import { getCookie } from "hono/cookie";
import type { Context } from "hono";
import { newTwinToken } from "./token.ts";

/** A random id the twin page gives each browser, so visitors get separate sessions and limits. */
export const VISITOR_COOKIE = "clawgate_twin_visitor";
const VISITOR_MAX_AGE_S = 60 * 60 * 24 * 365;

export function visitorCookieHeader(value: string): string {
  return `${VISITOR_COOKIE}=${value}; Path=/api/public/twin; HttpOnly; Secure; SameSite=Strict; Max-Age=${VISITOR_MAX_AGE_S}`;
}

export const newVisitorId = newTwinToken;

/**
 * The visitor behind a message: their cookie, else the id the client sent, else their IP. What is
 * kept (session key, the employee's conversation view) is a hash scoped to the twin, never an IP.
 */
export async function visitorKey(c: Context, tokenHash: string, claimed: string | undefined, ip: string): Promise<string> {
  const cookie = getCookie(c, VISITOR_COOKIE);
  const raw = cookie && /^[A-Za-z0-9_-]{8,64}$/.test(cookie) ? `cookie:${cookie}` : claimed ? `id:${claimed}` : `ip:${ip}`;
  return (await sha256Hex(`${tokenHash}:${raw}`)).slice(0, 24);
}

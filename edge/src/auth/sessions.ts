import type { Context } from "hono";
import type { AppEnv } from "./middleware.ts";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Env } from "@clawgate/durable-objects";
import { ApiFailure } from "../http/errors.ts";

export const SESSION_COOKIE = "cg_session";
const SESSION_TTL_SECONDS = 12 * 60 * 60;

export interface SessionUser {
  sessionId: string;
  employeeId: string;
  role: "admin" | "manager" | "employee";
}

function secret(env: Env): string {
  if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32) throw new ApiFailure(500, "misconfigured", "SESSION_SECRET is not set (at least 32 characters).");
  return env.SESSION_SECRET;
}

const secure = (c: Context) => new URL(c.req.url).protocol === "https:";

/** Starts a server-side session (revocable in D1) and sets the signed HttpOnly cookie. */
export async function startSession(c: Context<AppEnv>, employeeId: string): Promise<void> {
  const id = crypto.randomUUID();
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await c.env.DB.prepare("INSERT INTO auth_sessions (id, employee_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
    .bind(id, employeeId, now.toISOString(), expires.toISOString())
    .run();
  await setSignedCookie(c, SESSION_COOKIE, id, secret(c.env), {
    httpOnly: true,
    secure: secure(c),
    sameSite: "Lax",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

export async function currentSession(c: Context<AppEnv>): Promise<SessionUser | null> {
  const id = await getSignedCookie(c, secret(c.env), SESSION_COOKIE);
  if (!id) return null;
  const row = await c.env.DB.prepare(
    `SELECT s.id, s.employee_id, e.role FROM auth_sessions s JOIN employees e ON e.id = s.employee_id
      WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
  )
    .bind(id, new Date().toISOString())
    .first<{ id: string; employee_id: string; role: SessionUser["role"] }>();
  return row ? { sessionId: row.id, employeeId: row.employee_id, role: row.role } : null;
}

export async function endSession(c: Context<AppEnv>, session: SessionUser | null): Promise<void> {
  if (session) await c.env.DB.prepare("UPDATE auth_sessions SET revoked_at = ? WHERE id = ?").bind(new Date().toISOString(), session.sessionId).run();
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: secure(c) });
}

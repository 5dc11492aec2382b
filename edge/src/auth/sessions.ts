import type { Context } from "hono";
import type { AppEnv } from "./middleware.ts";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Role } from "@clawgate/contracts";
import type { Env } from "@clawgate/durable-objects";
import { ApiFailure } from "../http/errors.ts";

export const SESSION_COOKIE = "cg_session";
const SESSION_TTL_SECONDS = 12 * 60 * 60;

export type SignInMethod = "password" | "sso";

export interface SessionUser {
  sessionId: string;
  employeeId: string;
  role: Role;
  /** A password session of an employee who has not yet replaced their initial password. */
  mustChangePassword: boolean;
}

export function cookieSecret(env: Env): string {
  if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32) throw new ApiFailure(500, "misconfigured", "SESSION_SECRET is not set (at least 32 characters).");
  return env.SESSION_SECRET;
}

export const isHttps = (c: Context) => new URL(c.req.url).protocol === "https:";

/** Starts a server-side session (revocable in D1), bound to the employee's current role, and sets the signed HttpOnly cookie. */
export async function startSession(c: Context<AppEnv>, employee: { id: string; role: Role }, method: SignInMethod): Promise<void> {
  const id = crypto.randomUUID();
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await c.env.DB.prepare("INSERT INTO auth_sessions (id, employee_id, role, method, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(id, employee.id, employee.role, method, now.toISOString(), expires.toISOString())
    .run();
  await setSignedCookie(c, SESSION_COOKIE, id, cookieSecret(c.env), {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: "Lax",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

/**
 * The caller's session, or null. Re-checked against the employee on every request: a deleted
 * employee or a role that changed since sign-in ends the session even if no revoke ran.
 */
export async function currentSession(c: Context<AppEnv>): Promise<SessionUser | null> {
  const id = await getSignedCookie(c, cookieSecret(c.env), SESSION_COOKIE);
  if (!id) return null;
  const row = await c.env.DB.prepare(
    `SELECT s.id, s.employee_id, e.role, s.method, e.must_change_password FROM auth_sessions s JOIN employees e ON e.id = s.employee_id
      WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.role = e.role`,
  )
    .bind(id, new Date().toISOString())
    .first<{ id: string; employee_id: string; role: Role; method: SignInMethod; must_change_password: number }>();
  if (!row) return null;
  return { sessionId: row.id, employeeId: row.employee_id, role: row.role, mustChangePassword: row.method === "password" && row.must_change_password === 1 };
}

export async function endSession(c: Context<AppEnv>, session: SessionUser | null): Promise<void> {
  if (session) await c.env.DB.prepare("UPDATE auth_sessions SET revoked_at = ? WHERE id = ?").bind(new Date().toISOString(), session.sessionId).run();
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isHttps(c) });
}

/**
 * Revokes every live session of an employee at once (logout everywhere, password change, role
 * change, deactivation), optionally keeping one. As a statement, to batch with the change that
 * calls for it; deleting an employee deletes their auth_sessions rows instead (foreign key).
 */
export function revokeSessionsStatement(db: D1Database, employeeId: string, options: { except?: string } = {}): D1PreparedStatement {
  return db
    .prepare("UPDATE auth_sessions SET revoked_at = ? WHERE employee_id = ? AND revoked_at IS NULL AND id IS NOT ?")
    .bind(new Date().toISOString(), employeeId, options.except ?? null);
}

/** Runs `revokeSessionsStatement`; returns how many sessions ended. */
export async function revokeSessions(db: D1Database, employeeId: string, options: { except?: string } = {}): Promise<number> {
  return (await revokeSessionsStatement(db, employeeId, options).run()).meta.changes;
}

import { createMiddleware } from "hono/factory";
import type { Env } from "@clawgate/durable-objects";
import { apiError } from "../http/errors.ts";
import { currentSession, type SessionUser } from "./sessions.ts";

export type AppEnv = { Bindings: Env; Variables: { user: SessionUser } };

/**
 * Every portal and admin route runs behind this: no valid, unrevoked session → 401; a session that
 * still has to replace its initial password → 403 until it does.
 */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const user = await currentSession(c);
  if (!user) return apiError(c, 401, "unauthenticated", "Sign in first.");
  if (user.mustChangePassword) return apiError(c, 403, "password_change_required", "Change your initial password first (POST /api/auth/password).");
  c.set("user", user);
  await next();
});

/** Only for me, logout and the password change itself: the routes a restricted session may use. */
export const requireSessionAllowingPasswordChange = createMiddleware<AppEnv>(async (c, next) => {
  const user = await currentSession(c);
  if (!user) return apiError(c, 401, "unauthenticated", "Sign in first.");
  c.set("user", user);
  await next();
});

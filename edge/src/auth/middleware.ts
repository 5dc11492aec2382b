import { createMiddleware } from "hono/factory";
import type { Env } from "@clawgate/durable-objects";
import { apiError } from "../http/errors.ts";
import { currentSession, type SessionUser } from "./sessions.ts";

export type AppEnv = { Bindings: Env; Variables: { user: SessionUser } };

/** Every portal and admin route runs behind this: no valid, unrevoked session → 401. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const user = await currentSession(c);
  if (!user) return apiError(c, 401, "unauthenticated", "Sign in first.");
  c.set("user", user);
  await next();
});

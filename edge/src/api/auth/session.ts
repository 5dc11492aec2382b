import { createRoute } from "@hono/zod-openapi";
import { Me } from "@clawgate/contracts";
import { audit } from "../../audit.ts";
import { requireSessionAllowingPasswordChange } from "../../auth/middleware.ts";
import { currentSession, endSession, revokeSessions } from "../../auth/sessions.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { me } from "./me.ts";

const common = { tags: ["auth"], security: SESSION_SECURITY };

// All three stay open to a session that must still change its initial password.
const whoAmI = createRoute({
  ...common,
  method: "get",
  path: "/me",
  middleware: [requireSessionAllowingPasswordChange],
  summary: "The signed-in employee",
  responses: { 200: jsonContent(Me, "The signed-in employee"), ...errorResponses(401) },
});

const logout = createRoute({
  ...common,
  method: "post",
  path: "/logout",
  summary: "Sign out: revokes this session and clears the cookie (also without a valid session)",
  responses: { 204: { description: "Signed out" } },
});

const logoutAll = createRoute({
  ...common,
  method: "post",
  path: "/logout-all",
  middleware: [requireSessionAllowingPasswordChange],
  summary: "Sign out everywhere: revokes every session of the caller, this one included",
  responses: { 204: { description: "All of the caller's sessions are revoked" }, ...errorResponses(401) },
});

export const sessionRoutes = apiRouter()
  .openapi(whoAmI, async (c) => {
    const user = c.get("user");
    return c.json(await me(c.env.DB, user.employeeId, user.mustChangePassword), 200);
  })
  .openapi(logout, async (c) => {
    const session = await currentSession(c);
    await endSession(c, session);
    if (session) await audit(c.env.DB, "auth.logout", session.employeeId, session.employeeId);
    return c.body(null, 204);
  })
  .openapi(logoutAll, async (c) => {
    const user = c.get("user");
    const revoked = await revokeSessions(c.env.DB, user.employeeId);
    await endSession(c, null);
    await audit(c.env.DB, "auth.logout_all", user.employeeId, user.employeeId, { revokedSessions: revoked });
    return c.body(null, 204);
  });

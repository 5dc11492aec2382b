import { createRoute } from "@hono/zod-openapi";
import { ApiError, ChangePasswordRequest, Me, PASSWORD_RULE_TEXT, WeakPasswordError } from "@clawgate/contracts";
import { audit } from "../../audit.ts";
import { isLocked, recordWrongPassword } from "../../auth/account-lockout.ts";
import { requireSessionAllowingPasswordChange } from "../../auth/middleware.ts";
import { brokenPasswordRules, weakPassword } from "../../auth/password-rules.ts";
import { hashPassword, verifyPassword } from "../../auth/password.ts";
import { revokeSessionsStatement } from "../../auth/sessions.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { me } from "./me.ts";

const changePassword = createRoute({
  tags: ["auth"],
  security: SESSION_SECURITY,
  method: "post",
  path: "/password",
  middleware: [requireSessionAllowingPasswordChange],
  summary: "Change the caller's password; ends their other sessions and lifts a forced-change restriction",
  description: `Rules: ${Object.values(PASSWORD_RULE_TEXT).join("; ")}. A rejected password answers 400 \`weak_password\` with \`failedRules\`: exactly the rules it breaks.`,
  request: { body: { content: { "application/json": { schema: ChangePasswordRequest } }, required: true } },
  responses: {
    200: jsonContent(Me, "Changed; the session is no longer restricted"),
    400: { content: { "application/json": { schema: WeakPasswordError.or(ApiError) } }, description: "Invalid body, or a new password that breaks rules (`failedRules`)" },
    ...errorResponses(401),
    403: jsonContent(ApiError, "The current password is incorrect (counts toward the account lockout)"),
    409: jsonContent(ApiError, "The account signs in through single sign-on and has no password"),
  },
});

export const passwordRoutes = apiRouter().openapi(changePassword, async (c) => {
  const { currentPassword, newPassword } = c.req.valid("json");
  const user = c.get("user");
  const db = c.env.DB;
  const account = await db
    .prepare("SELECT id, password_hash, failed_logins, locked_until FROM employees WHERE id = ?")
    .bind(user.employeeId)
    .first<{ id: string; password_hash: string | null; failed_logins: number; locked_until: string | null }>();
  if (!account?.password_hash) throw new ApiFailure(409, "no_password", "This account signs in through single sign-on and has no password to change.");

  // A stolen session must not become a password oracle: wrong guesses count toward the account lockout.
  const locked = isLocked(account);
  if (!(await verifyPassword(currentPassword, account.password_hash)) || locked) {
    await recordWrongPassword(db, account);
    await audit(db, "auth.password_change_failed", user.employeeId, user.employeeId, { reason: locked ? "locked" : "wrong_password" });
    throw new ApiFailure(403, "wrong_password", "The current password is incorrect.");
  }
  const broken = brokenPasswordRules(newPassword, { employeeId: user.employeeId, currentPassword });
  if (broken.length > 0) {
    await audit(db, "auth.password_change_failed", user.employeeId, user.employeeId, { reason: "weak_password", failedRules: broken });
    throw weakPassword(broken);
  }

  const [, revoked] = await db.batch([
    db
      .prepare("UPDATE employees SET password_hash = ?, must_change_password = 0, password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?")
      .bind(await hashPassword(newPassword), new Date().toISOString(), user.employeeId),
    // Whoever else holds a session (perhaps with the old password) is signed out; this browser stays in.
    revokeSessionsStatement(db, user.employeeId, { except: user.sessionId }),
  ]);
  await audit(db, "auth.password_changed", user.employeeId, user.employeeId, { revokedSessions: revoked?.meta.changes ?? 0 });
  return c.json(await me(db, user.employeeId, false), 200);
});

import { createRoute } from "@hono/zod-openapi";
import { ApiError, LoginRequest, Me, type Role } from "@clawgate/contracts";
import { audit } from "../../audit.ts";
import { clearWrongPasswords, isLocked, recordWrongPassword } from "../../auth/account-lockout.ts";
import { clientIp, ipRetryAfterSeconds, recordIpFailure } from "../../auth/ip-login-limit.ts";
import { burnPasswordCheck, verifyPassword } from "../../auth/password.ts";
import { startSession } from "../../auth/sessions.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent } from "../../http/openapi.ts";
import { me } from "./me.ts";

const badCredentials = () => new ApiFailure(401, "bad_credentials", "Employee id or password is incorrect.");

const login = createRoute({
  tags: ["auth"],
  method: "post",
  path: "/login",
  summary: "Sign in with employee id and password; sets the session cookie",
  description:
    "An unknown id, a wrong password and a locked account all answer the same 401. Five wrong passwords in a row lock the account for 15 minutes; 20 failed sign-ins from one IP within a 15-minute window block that IP until the window ends (429). A session of an employee who must change their initial password is restricted to me, logout and POST /api/auth/password.",
  request: { body: { content: { "application/json": { schema: LoginRequest } }, required: true } },
  responses: {
    200: jsonContent(Me, "Signed in; `mustChangePassword` says whether the session is restricted"),
    ...errorResponses(400),
    401: jsonContent(ApiError, "Employee id or password is incorrect (also for unknown ids and locked accounts)"),
    429: jsonContent(ApiError, "Too many failed sign-ins from this IP; Retry-After says when to try again"),
  },
});

interface Account {
  id: string;
  role: Role;
  password_hash: string | null;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
}

export const loginRoutes = apiRouter().openapi(login, async (c) => {
  const { employeeId, password } = c.req.valid("json");
  const db = c.env.DB;
  const ip = clientIp(c);
  // Checked before any password work, so a blocked address cannot burn CPU either.
  const retryAfter = await ipRetryAfterSeconds(db, ip);
  if (retryAfter > 0) {
    await audit(db, "auth.login_rate_limited", "anonymous", null, { ip });
    c.header("Retry-After", String(retryAfter));
    throw new ApiFailure(429, "rate_limited", "Too many failed sign-ins from your network. Try again later.");
  }

  const account = await db
    .prepare("SELECT id, role, password_hash, must_change_password, failed_logins, locked_until FROM employees WHERE id = ?")
    .bind(employeeId)
    .first<Account>();
  if (!account?.password_hash) {
    await burnPasswordCheck(password);
    await recordIpFailure(db, ip);
    await audit(db, "auth.login_failed", "anonymous", null, { reason: "bad_credentials", ip });
    throw badCredentials();
  }
  const locked = isLocked(account);
  // The hash is checked even while locked: the answer takes as long and says the same either way.
  if (!(await verifyPassword(password, account.password_hash)) || locked) {
    const lockedNow = await recordWrongPassword(db, account);
    await recordIpFailure(db, ip);
    await audit(db, "auth.login_failed", "anonymous", account.id, { reason: locked ? "locked" : "bad_credentials", ip });
    if (lockedNow) await audit(db, "auth.account_locked", "system", account.id, { ip });
    // Same status and message as an unknown id: no user enumeration, and a lockout is not revealed.
    throw badCredentials();
  }
  await clearWrongPasswords(db, account.id);
  await startSession(c, account, "password");
  const mustChangePassword = account.must_change_password === 1;
  await audit(db, "auth.login", account.id, account.id, { method: "password", ...(mustChangePassword ? { mustChangePassword } : {}) });
  return c.json(await me(db, account.id, mustChangePassword), 200);
});

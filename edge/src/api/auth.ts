import { Hono } from "hono";
import { LoginRequest, type Me } from "@clawgate/contracts";
import { loadEmployee } from "@clawgate/durable-objects";
import { audit } from "../audit.ts";
import { requireSession, type AppEnv } from "../auth/middleware.ts";
import { burnPasswordCheck, verifyPassword } from "../auth/password.ts";
import { currentSession, endSession, startSession } from "../auth/sessions.ts";
import { apiError } from "../http/errors.ts";
import { jsonBody } from "../http/validate.ts";

const MAX_FAILURES = 5;
const LOCKOUT_MS = 15 * 60 * 1000;
const BAD_CREDENTIALS = "Employee id or password is incorrect.";

export const authRoutes = new Hono<AppEnv>()
  .post("/login", jsonBody(LoginRequest), async (c) => {
    const { employeeId, password } = c.req.valid("json");
    const row = await c.env.DB.prepare("SELECT id, password_hash, failed_logins, locked_until FROM employees WHERE id = ?")
      .bind(employeeId)
      .first<{ id: string; password_hash: string | null; failed_logins: number; locked_until: string | null }>();
    if (!row?.password_hash) {
      await burnPasswordCheck(password);
      await audit(c.env.DB, "auth.login_failed", "anonymous", null, { reason: "bad_credentials" });
      return apiError(c, 401, "bad_credentials", BAD_CREDENTIALS);
    }
    const locked = row.locked_until !== null && Date.parse(row.locked_until) > Date.now();
    const ok = (await verifyPassword(password, row.password_hash)) && !locked;
    if (!ok) {
      const failures = locked ? row.failed_logins : row.failed_logins + 1;
      const lockUntil = failures >= MAX_FAILURES ? new Date(Date.now() + LOCKOUT_MS).toISOString() : row.locked_until;
      await c.env.DB.prepare("UPDATE employees SET failed_logins = ?, locked_until = ? WHERE id = ?").bind(locked ? failures : failures % MAX_FAILURES, lockUntil, row.id).run();
      await audit(c.env.DB, "auth.login_failed", "anonymous", row.id, { reason: locked ? "locked" : "bad_credentials" });
      // Same status and message as an unknown id: no user enumeration, and a lockout is not revealed.
      return apiError(c, 401, "bad_credentials", BAD_CREDENTIALS);
    }
    await c.env.DB.prepare("UPDATE employees SET failed_logins = 0, locked_until = NULL WHERE id = ?").bind(row.id).run();
    await startSession(c, row.id);
    await audit(c.env.DB, "auth.login", row.id, row.id);
    return c.json(await me(c.env.DB, row.id));
  })
  .post("/logout", async (c) => {
    const session = await currentSession(c);
    await endSession(c, session);
    if (session) await audit(c.env.DB, "auth.logout", session.employeeId, session.employeeId);
    return c.body(null, 204);
  })
  .get("/me", requireSession, async (c) => c.json(await me(c.env.DB, c.get("user").employeeId)));

async function me(db: D1Database, employeeId: string): Promise<Me> {
  const employee = await loadEmployee(db, employeeId);
  if (!employee) throw new Error(`employee ${employeeId} vanished`);
  return {
    employeeId: employee.id,
    name: employee.name,
    role: employee.role,
    position: { id: employee.position.id, name: employee.position.name },
    department: employee.department,
  };
}

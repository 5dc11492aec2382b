import { createRoute } from "@hono/zod-openapi";
import { ApiError, auditDetailJson, FirstAdminRequest, Me, PASSWORD_RULE_TEXT, SETUP_TOKEN_MIN_LENGTH, SetupStatus } from "@clawgate/contracts";
import { ulid } from "ulid";
import { clientIp, ipRetryAfterSeconds, recordIpFailure } from "../../auth/ip-login-limit.ts";
import { hashPassword } from "../../auth/password.ts";
import { brokenPasswordRules, weakPassword } from "../../auth/password-rules.ts";
import { startSession } from "../../auth/sessions.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent } from "../../http/openapi.ts";
import { secretsMatch } from "../../webhooks/constant-time.ts";
import { commit } from "../admin/org-rows.ts";
import { me } from "./me.ts";

/**
 * First-run setup: a fresh database has no one to sign in as. While no admin exists, whoever holds
 * the SETUP_TOKEN Worker secret (set by the operator with `wrangler secret put`) may create the
 * first admin; from then on this is closed for good. Token guesses count toward the same per-IP
 * limit as failed sign-ins.
 */
const common = { tags: ["auth"] };

const status = createRoute({
  ...common,
  method: "get",
  path: "/setup",
  summary: "Whether the first admin still has to be created, whether SETUP_TOKEN is set, and whether this is the demo org",
  responses: { 200: jsonContent(SetupStatus, "Setup status") },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/setup",
  summary: "Create the first admin with the SETUP_TOKEN (only while no admin exists); signs them in",
  description: `Password rules: ${Object.values(PASSWORD_RULE_TEXT).join("; ")}. Creates the department IT, the position IT Administrator and the admin in one transaction, which does nothing once any admin exists (409).`,
  request: { body: { content: { "application/json": { schema: FirstAdminRequest } }, required: true } },
  responses: {
    201: jsonContent(Me, "The first admin, signed in"),
    ...errorResponses(400),
    401: jsonContent(ApiError, "Wrong setup token"),
    409: jsonContent(ApiError, "An admin already exists: setup is closed"),
    429: jsonContent(ApiError, "Too many failed attempts from this IP; Retry-After says when to try again"),
    503: jsonContent(ApiError, `SETUP_TOKEN is not configured (at least ${SETUP_TOKEN_MIN_LENGTH} characters)`),
  },
});

const NO_ADMIN = "NOT EXISTS (SELECT 1 FROM employees WHERE role = 'admin')";

const tokenOf = (value: string | undefined) => (value && value.length >= SETUP_TOKEN_MIN_LENGTH ? value : null);

async function adminExists(db: D1Database): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS one FROM employees WHERE role = 'admin' LIMIT 1").first()) !== null;
}

const closed = () => new ApiFailure(409, "already_set_up", "This ClawGate already has an admin. Sign in, or ask an admin for an account.");

export const setupRoutes = apiRouter()
  .openapi(status, async (c) =>
    c.json({ needed: !(await adminExists(c.env.DB)), tokenConfigured: tokenOf(c.env.SETUP_TOKEN) !== null, demo: Boolean(c.env.DEMO_SEED) }, 200),
  )
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const body = c.req.valid("json");
    if (await adminExists(db)) throw closed();
    const expected = tokenOf(c.env.SETUP_TOKEN);
    if (!expected) {
      throw new ApiFailure(503, "setup_disabled", `Set the SETUP_TOKEN Worker secret (at least ${SETUP_TOKEN_MIN_LENGTH} characters) to create the first admin: openssl rand -hex 24 | npx wrangler secret put SETUP_TOKEN`);
    }
    const ip = clientIp(c);
    const retryAfter = await ipRetryAfterSeconds(db, ip);
    if (retryAfter > 0) {
      c.header("Retry-After", String(retryAfter));
      throw new ApiFailure(429, "rate_limited", "Too many failed attempts from your network. Try again later.");
    }
    if (!(await secretsMatch(body.setupToken, expected))) {
      await recordIpFailure(db, ip);
      throw new ApiFailure(401, "bad_setup_token", "The setup token is not the SETUP_TOKEN this Worker has.");
    }
    const broken = brokenPasswordRules(body.password, { employeeId: body.employeeId, currentPassword: "" });
    if (broken.length > 0) throw weakPassword(broken);

    const now = new Date().toISOString();
    const departmentId = `dept-${ulid().toLowerCase()}`;
    const positionId = `pos-${ulid().toLowerCase()}`;
    // Every statement is conditional on there being no admin, so of two racing setups one creates
    // everything and the other nothing. changes() is the admin insert's, for the audit event.
    const results = await commit(db, [
      db.prepare(`INSERT INTO departments (id, name, parent_id, role_name) SELECT ?, 'IT', NULL, 'it' WHERE ${NO_ADMIN}`).bind(departmentId),
      db.prepare(`INSERT INTO positions (id, name, department_id) SELECT ?, 'IT Administrator', ? WHERE ${NO_ADMIN}`).bind(positionId, departmentId),
      db
        .prepare(
          `INSERT INTO employees (id, name, employee_number, email, position_id, department_id, role, password_hash, must_change_password, password_changed_at, created_at)
           SELECT ?, ?, 'IT-0001', ?, ?, ?, 'admin', ?, 0, ?, ? WHERE ${NO_ADMIN}`,
        )
        .bind(body.employeeId, body.name, body.email, positionId, departmentId, await hashPassword(body.password), now, now),
      db
        .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) SELECT ?, ?, 'org.first_admin_created', ?, ?, ? WHERE changes() = 1")
        .bind(ulid(), now, body.employeeId, body.employeeId, auditDetailJson({ ip, departmentId, positionId })),
      bumpConfigVersion(db),
    ]);
    if (results[2]?.meta.changes !== 1) throw closed();
    // No agent is provisioned yet: an empty organisation has no global SOUL to build one from. The
    // admin's agent is set up on its first turn, like any agent whose provisioning could not finish.
    await startSession(c, { id: body.employeeId, role: "admin" }, "password");
    return c.json(await me(db, body.employeeId, false), 201);
  });

import { createRoute } from "@hono/zod-openapi";
import { ApiErrorResponse, SetSkillSecret, SkillNameParam, SkillSecretList, SkillSecretParam, SkillSecretStatus } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { notFound, requireAdmin, scopeOf } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { sealSecret, skillSecretsKey } from "../../skills/secret-crypto.ts";
import { findSkill } from "../../skills/skill-rows.ts";
import { commit } from "./org-rows.ts";

/**
 * Skill secrets (admins only): set, replace and clear the values a skill declares in
 * requiredSecrets. Values are sealed with AES-256-GCM before they reach D1 and no route ever
 * returns one — only whether it is set, when and by whom. They are not delivered to runtimes yet
 * (README "Skills"): a plan is content-addressed, cached and logged, so secrets must never ride in it.
 */

const common = { tags: ["skills"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/skills/{name}/secrets",
  summary: "Which of a skill's declared secrets are set (admin); values are never returned",
  request: { params: SkillNameParam },
  responses: { 200: jsonContent(SkillSecretList, "One entry per declared secret"), ...errorResponses(400, 401, 403, 404) },
});

const put = createRoute({
  ...common,
  method: "put",
  path: "/skills/{name}/secrets/{key}",
  summary: "Set or replace a declared secret of a skill (admin); stored encrypted",
  request: { params: SkillSecretParam, body: { content: { "application/json": { schema: SetSkillSecret } }, required: true } },
  responses: {
    200: jsonContent(SkillSecretStatus, "The secret is set (its value is not echoed)"),
    ...errorResponses(400, 401, 403, 404),
    503: jsonContent(ApiErrorResponse, "SKILL_SECRETS_KEY is not configured: nothing is stored"),
  },
});

const clear = createRoute({
  ...common,
  method: "delete",
  path: "/skills/{name}/secrets/{key}",
  summary: "Clear a declared secret of a skill (admin)",
  request: { params: SkillSecretParam },
  responses: { 200: jsonContent(SkillSecretStatus, "The secret is not set"), ...errorResponses(400, 401, 403, 404) },
});

/** The skill, and the key among its declared secrets; 404 for either unknown. */
async function declaredSecret(db: D1Database, name: string, key?: string) {
  const skill = await findSkill(db, name);
  if (!skill) throw notFound("skill");
  if (key !== undefined && !skill.requiredSecrets.includes(key)) throw notFound(`secret declared by ${name}`);
  return skill;
}

async function statuses(db: D1Database, name: string, keys: string[]): Promise<SkillSecretStatus[]> {
  const rows = await db.prepare("SELECT key, updated_at, updated_by FROM skill_secrets WHERE skill_name = ?").bind(name).all<{ key: string; updated_at: string; updated_by: string }>();
  const set = new Map(rows.results.map((r) => [r.key, r]));
  return keys.map((key) => ({ key, set: set.has(key), updatedAt: set.get(key)?.updated_at ?? null, updatedBy: set.get(key)?.updated_by ?? null }));
}

export const skillSecretRoutes = apiRouter()
  .openapi(list, async (c) => {
    const db = c.env.DB;
    requireAdmin(await scopeOf(db, c.get("user")), "see skill secrets");
    const skill = await declaredSecret(db, c.req.valid("param").name);
    return c.json({ skill: skill.name, secrets: await statuses(db, skill.name, skill.requiredSecrets) }, 200);
  })
  .openapi(put, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "set skill secrets");
    const { name, key } = c.req.valid("param");
    await declaredSecret(db, name, key);
    const sealed = await sealSecret(await skillSecretsKey(c.env.SKILL_SECRETS_KEY), { skill: name, key }, c.req.valid("json").value);
    const now = new Date().toISOString();
    await commit(db, [
      db
        .prepare(
          `INSERT INTO skill_secrets (skill_name, key, ciphertext, iv, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (skill_name, key) DO UPDATE SET ciphertext = excluded.ciphertext, iv = excluded.iv, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .bind(name, key, sealed.ciphertext, sealed.iv, actor, now),
      auditStatement(db, "skill.secret_set", actor, null, { skill: name, key }),
    ]);
    return c.json({ key, set: true, updatedAt: now, updatedBy: actor }, 200);
  })
  .openapi(clear, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "clear skill secrets");
    const { name, key } = c.req.valid("param");
    await declaredSecret(db, name, key);
    await commit(db, [
      db.prepare("DELETE FROM skill_secrets WHERE skill_name = ? AND key = ?").bind(name, key),
      auditStatement(db, "skill.secret_cleared", actor, null, { skill: name, key }),
    ]);
    return c.json({ key, set: false, updatedAt: null, updatedBy: null }, 200);
  });

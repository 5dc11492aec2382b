import { createRoute } from "@hono/zod-openapi";
import { CatalogSkill, CatalogSkillDetail, CatalogSkillList, SkillDeleted, SkillDeleteQuery, SkillNameParam, SkillPackage, SkillRejectedResponse } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { notFound, requireAdmin, scopeFilter, scopeOf } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure, invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { assertNameAvailable } from "../../skills/name-lookalike.ts";
import { readSkillMd, storeSkillMd } from "../../skills/package-store.ts";
import { assertPackagePasses } from "../../skills/review.ts";
import { findSkill, insertSkill, listSkills, skillValues } from "../../skills/skill-rows.ts";
import { commit } from "./org-rows.ts";

const common = { tags: ["skills"], security: SESSION_SECURITY };
const packageBody = { body: { content: { "application/json": { schema: SkillPackage } }, required: true } };
const AUDITED_IDS = 50;
const rejected = { 422: jsonContent(SkillRejectedResponse, "The package failed automatic checks: `error.failures` lists each one; nothing was stored") };

const list = createRoute({
  ...common,
  method: "get",
  path: "/skills",
  summary: "The skill catalog (admins and managers): only these skills ever reach a workspace",
  responses: { 200: jsonContent(CatalogSkillList, "Catalog skills, by name"), ...errorResponses(401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/skills",
  summary: "Add a package to the catalog (admin); it passes the same automatic checks as a submission",
  request: packageBody,
  responses: { 201: jsonContent(CatalogSkill, "The new catalog skill"), ...errorResponses(400, 401, 403, 409), ...rejected },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/skills/{name}",
  summary: "One catalog skill with its SKILL.md and the positions (in the caller's view) that assign it",
  request: { params: SkillNameParam },
  responses: { 200: jsonContent(CatalogSkillDetail, "The skill"), ...errorResponses(400, 401, 403, 404) },
});

const replace = createRoute({
  ...common,
  method: "put",
  path: "/skills/{name}",
  summary: "Replace a catalog skill's package (admin): a changed SKILL.md needs a new version; the next plans carry it",
  request: { params: SkillNameParam, ...packageBody },
  responses: { 200: jsonContent(CatalogSkill, "The skill as replaced"), ...errorResponses(400, 401, 403, 404, 409), ...rejected },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/skills/{name}",
  summary: "Remove a skill from the catalog (admin); 409 while positions assign it or employees have it installed, unless ?force=true",
  request: { params: SkillNameParam, query: SkillDeleteQuery },
  responses: { 200: jsonContent(SkillDeleted, "What the removal took with it"), ...errorResponses(400, 401, 403, 404, 409) },
});

async function existingSkill(db: D1Database, name: string) {
  const skill = await findSkill(db, name);
  if (!skill) throw notFound("skill");
  return skill;
}

/** Positions that assign the skill through their default skills. */
async function assigningPositions(db: D1Database, name: string, where = "1 = 1", binds: unknown[] = []): Promise<string[]> {
  const rows = await db
    .prepare(`SELECT id FROM positions WHERE EXISTS (SELECT 1 FROM json_each(default_skills) j WHERE j.value = ?) AND ${where} ORDER BY id`)
    .bind(name, ...binds)
    .all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

export const skillCatalogRoutes = apiRouter()
  .openapi(list, async (c) => c.json({ skills: await listSkills(c.env.DB) }, 200))
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "add skills to the catalog");
    const pkg = c.req.valid("json");
    assertPackagePasses(pkg);
    await assertNameAvailable(db, pkg.manifest.name);
    const { sha256, size } = await storeSkillMd(c.env.CONTENT, pkg.skillMd);
    // Not in any plan until a position assigns it or someone has it installed: no config bump.
    await commit(db, [
      insertSkill(db, pkg.manifest, sha256, size, actor, new Date().toISOString()),
      auditStatement(db, "skill.created", actor, null, { skill: pkg.manifest.name, version: pkg.manifest.version, sha256, permissions: pkg.manifest.permissions }),
    ]);
    return c.json((await findSkill(db, pkg.manifest.name))!, 201);
  })
  .openapi(read, async (c) => {
    const db = c.env.DB;
    const skill = await existingSkill(db, c.req.valid("param").name);
    const filter = scopeFilter(await scopeOf(db, c.get("user")), "department_id", { withAncestors: true });
    return c.json({ ...skill, skillMd: await readSkillMd(c.env.CONTENT, skill.sha256), positions: await assigningPositions(db, skill.name, filter.sql, filter.binds) }, 200);
  })
  .openapi(replace, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "change catalog skills");
    const { name } = c.req.valid("param");
    const existing = await existingSkill(db, name);
    const pkg = c.req.valid("json");
    if (pkg.manifest.name !== name) throw invalidRequest([{ path: "manifest.name", message: `must be ${name}: a skill is renamed by adding a new one` }]);
    assertPackagePasses(pkg);
    const { sha256, size } = await storeSkillMd(c.env.CONTENT, pkg.skillMd);
    if (sha256 !== existing.sha256 && pkg.manifest.version === existing.version) {
      throw new ApiFailure(409, "conflict", `SKILL.md changed but the version is still ${existing.version}; give the new package a new version.`);
    }
    await commit(db, [
      db
        .prepare(
          `UPDATE skills SET version = ?, description = ?, allowed_roles = ?, blocked_roles = ?, required_secrets = ?, permissions = ?, sha256 = ?, size = ?, updated_at = ?
            WHERE name = ?`,
        )
        .bind(...skillValues(pkg.manifest, sha256, size).slice(0, -1), new Date().toISOString(), name),
      // Secrets the new version no longer declares are dropped, so nothing undeclared is ever kept.
      db.prepare("DELETE FROM skill_secrets WHERE skill_name = ? AND key NOT IN (SELECT value FROM json_each(?))").bind(name, JSON.stringify(pkg.manifest.requiredSecrets)),
      bumpConfigVersion(db),
      auditStatement(db, "skill.updated", actor, null, {
        skill: name,
        version: { from: existing.version, to: pkg.manifest.version },
        sha256: { from: existing.sha256, to: sha256 },
        allowedRoles: pkg.manifest.allowedRoles,
        blockedRoles: pkg.manifest.blockedRoles,
        permissions: pkg.manifest.permissions,
      }),
    ]);
    return c.json((await findSkill(db, name))!, 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "remove catalog skills");
    const skill = await existingSkill(db, c.req.valid("param").name);
    const force = c.req.valid("query").force === "true";
    const positions = await assigningPositions(db, skill.name);
    const installs = await db.prepare("SELECT employee_id FROM skill_installs WHERE skill_name = ? ORDER BY employee_id").bind(skill.name).all<{ employee_id: string }>();
    const employees = installs.results.map((r) => r.employee_id);
    if ((positions.length || employees.length) && !force) {
      throw new ApiFailure(409, "conflict", `${skill.name} is assigned to ${positions.length} position(s) and installed for ${employees.length} employee(s); unassign it first, or delete with ?force=true.`, {
        blockers: { positions: positions.length, employees: employees.length, departments: 0 },
      });
    }
    const now = new Date().toISOString();
    await commit(db, [
      db
        .prepare(
          `UPDATE positions SET default_skills = (SELECT json_group_array(j.value) FROM json_each(positions.default_skills) j WHERE j.value != ?1)
            WHERE EXISTS (SELECT 1 FROM json_each(positions.default_skills) j WHERE j.value = ?1)`,
        )
        .bind(skill.name),
      db.prepare("DELETE FROM skill_installs WHERE skill_name = ?").bind(skill.name),
      db.prepare("DELETE FROM skill_secrets WHERE skill_name = ?").bind(skill.name),
      db
        .prepare("UPDATE skill_requests SET status = 'rejected', decided_by = ?, decided_at = ?, decision_reason = 'The skill was removed from the catalog.' WHERE skill_name = ? AND status = 'pending'")
        .bind(actor, now, skill.name),
      db.prepare("DELETE FROM skills WHERE name = ?").bind(skill.name),
      bumpConfigVersion(db),
      // Counts plus the first ids: audit details stay small metadata however widely the skill was used.
      auditStatement(db, "skill.deleted", actor, null, {
        skill: skill.name,
        version: skill.version,
        force,
        positions: positions.length,
        employees: employees.length,
        unassignedFrom: positions.slice(0, AUDITED_IDS),
        uninstalledFrom: employees.slice(0, AUDITED_IDS),
      }),
    ]);
    return c.json({ deleted: skill.name, unassignedFrom: positions, uninstalledFrom: employees }, 200);
  });

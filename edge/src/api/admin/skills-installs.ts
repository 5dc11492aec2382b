import { createRoute } from "@hono/zod-openapi";
import { ApiErrorResponse, CreateSkillInstall, SkillInstall, SkillInstallList, SkillInstallParam, SkillInstallQuery } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { notFound, scopeOf } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure, invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { assertNotSelfGrant, employeeScopeFilter, scopedEmployee } from "../../skills/grants.ts";
import { assertSkillAdmits } from "../../skills/skill-access.ts";
import { findInstall, findSkill, queryInstalls } from "../../skills/skill-rows.ts";
import { commit } from "./org-rows.ts";

/** Personal skills: installed by approval or directly by an admin or a manager in scope, and removed again. */

const common = { tags: ["skills"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/skill-installs",
  summary: "Personal skill installs of employees in the caller's scope",
  request: { query: SkillInstallQuery },
  responses: { 200: jsonContent(SkillInstallList, "Installs"), ...errorResponses(400, 401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/skill-installs",
  summary: "Install a catalog skill for an employee directly (admin; a manager for others in their subtree); never a skill their role rules block",
  request: { body: { content: { "application/json": { schema: CreateSkillInstall } }, required: true } },
  responses: {
    201: jsonContent(SkillInstall, "The install; the employee's next plan has the skill"),
    ...errorResponses(400, 401, 403, 409),
    422: jsonContent(ApiErrorResponse, "The role rules keep the skill from this employee (`skill_not_allowed`); nothing changed"),
  },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/skill-installs/{employeeId}/{name}",
  summary: "Remove a personal skill install; the employee's next plan no longer has it (unless their position assigns it)",
  request: { params: SkillInstallParam },
  responses: { 200: jsonContent(SkillInstall, "The removed install"), ...errorResponses(400, 401, 403, 404) },
});

export const skillInstallRoutes = apiRouter()
  .openapi(list, async (c) => {
    const { employeeId } = c.req.valid("query");
    const filter = employeeScopeFilter(await scopeOf(c.env.DB, c.get("user")), "employee_id");
    const where = employeeId ? `${filter.sql} AND employee_id = ?` : filter.sql;
    return c.json({ installs: await queryInstalls(c.env.DB, where, employeeId ? [...filter.binds, employeeId] : filter.binds) }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const body = c.req.valid("json");
    if (!(await scopedEmployee(db, scope, body.employeeId))) throw invalidRequest([{ path: "employeeId", message: "no such employee" }]);
    assertNotSelfGrant(scope, body.employeeId);
    const skill = await findSkill(db, body.skill);
    if (!skill) throw invalidRequest([{ path: "skill", message: "no such skill in the catalog" }]);
    if (await findInstall(db, body.employeeId, skill.name)) throw new ApiFailure(409, "conflict", `${skill.name} is already installed for ${body.employeeId}.`);
    await assertSkillAdmits(db, body.employeeId, skill);
    await commit(db, [
      db
        .prepare("INSERT INTO skill_installs (employee_id, skill_name, granted_by, request_id, installed_at) VALUES (?, ?, ?, NULL, ?)")
        .bind(body.employeeId, skill.name, actor, new Date().toISOString()),
      bumpConfigVersion(db),
      auditStatement(db, "skill.installed", actor, body.employeeId, { skill: skill.name, version: skill.version }),
    ]);
    return c.json((await findInstall(db, body.employeeId, skill.name))!, 201);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const { employeeId, name } = c.req.valid("param");
    const install = (await scopedEmployee(db, await scopeOf(db, c.get("user")), employeeId)) && (await findInstall(db, employeeId, name));
    if (!install) throw notFound("skill install");
    await commit(db, [
      db.prepare("DELETE FROM skill_installs WHERE employee_id = ? AND skill_name = ?").bind(employeeId, name),
      bumpConfigVersion(db),
      auditStatement(db, "skill.uninstalled", actor, employeeId, { skill: name }),
    ]);
    return c.json(install, 200);
  });

import { createRoute } from "@hono/zod-openapi";
import { ApiErrorResponse, IdParam, RejectDecision, SkillRequest, SkillRequestList, SkillRequestQuery } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { notFound, scopeOf, type Scope } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { assertNotSelfGrant, employeeScopeFilter, scopedEmployee } from "../../skills/grants.ts";
import { assertSkillAdmits } from "../../skills/skill-access.ts";
import { findRequest, findSkill, queryRequests } from "../../skills/skill-rows.ts";
import { commit } from "./org-rows.ts";

/** Employees' skill requests, decided by an admin or a manager whose subtree holds the requester. */

const common = { tags: ["skills"], security: SESSION_SECURITY };
const notAllowed = { 422: jsonContent(ApiErrorResponse, "The role rules keep the skill from this employee (`skill_not_allowed`); nothing changed") };

const list = createRoute({
  ...common,
  method: "get",
  path: "/skill-requests",
  summary: "Skill requests of employees in the caller's scope, newest first",
  request: { query: SkillRequestQuery },
  responses: { 200: jsonContent(SkillRequestList, "Requests"), ...errorResponses(400, 401, 403) },
});

const approve = createRoute({
  ...common,
  method: "post",
  path: "/skill-requests/{id}/approve",
  summary: "Approve a pending request: the skill is installed for the requester and in their next plan (never for a skill their role rules block)",
  request: { params: IdParam },
  responses: { 200: jsonContent(SkillRequest, "The approved request"), ...errorResponses(401, 403, 404, 409), ...notAllowed },
});

const reject = createRoute({
  ...common,
  method: "post",
  path: "/skill-requests/{id}/reject",
  summary: "Reject a pending request with a reason the requester sees",
  request: { params: IdParam, body: { content: { "application/json": { schema: RejectDecision } }, required: true } },
  responses: { 200: jsonContent(SkillRequest, "The rejected request"), ...errorResponses(400, 401, 403, 404, 409) },
});

/** A pending request of an employee in scope: 404 outside it, 409 once decided. */
async function pendingRequest(db: D1Database, scope: Scope, id: string): Promise<SkillRequest> {
  const request = await findRequest(db, id);
  if (!request || !(await scopedEmployee(db, scope, request.employeeId))) throw notFound("skill request");
  if (request.status !== "pending") throw new ApiFailure(409, "conflict", `This request was already ${request.status}.`);
  return request;
}

export const skillRequestRoutes = apiRouter()
  .openapi(list, async (c) => {
    const { status, employeeId } = c.req.valid("query");
    const filter = employeeScopeFilter(await scopeOf(c.env.DB, c.get("user")), "employee_id");
    const where = [filter.sql];
    const binds: unknown[] = [...filter.binds];
    if (status) {
      where.push("status = ?");
      binds.push(status);
    }
    if (employeeId) {
      where.push("employee_id = ?");
      binds.push(employeeId);
    }
    return c.json({ requests: await queryRequests(c.env.DB, where.join(" AND "), binds) }, 200);
  })
  .openapi(approve, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const request = await pendingRequest(db, scope, c.req.valid("param").id);
    assertNotSelfGrant(scope, request.employeeId);
    const skill = await findSkill(db, request.skill);
    if (!skill) throw new ApiFailure(409, "conflict", `${request.skill} is no longer in the catalog; reject the request instead.`);
    await assertSkillAdmits(db, request.employeeId, skill);
    const now = new Date().toISOString();
    await commit(db, [
      db
        .prepare("INSERT OR IGNORE INTO skill_installs (employee_id, skill_name, granted_by, request_id, installed_at) VALUES (?, ?, ?, ?, ?)")
        .bind(request.employeeId, skill.name, actor, request.id, now),
      db.prepare("UPDATE skill_requests SET status = 'approved', decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'").bind(actor, now, request.id),
      bumpConfigVersion(db),
      auditStatement(db, "skill.approved", actor, request.employeeId, { skill: skill.name, version: skill.version, requestId: request.id }),
    ]);
    return c.json((await findRequest(db, request.id))!, 200);
  })
  .openapi(reject, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const request = await pendingRequest(db, await scopeOf(db, c.get("user")), c.req.valid("param").id);
    const { reason } = c.req.valid("json");
    await commit(db, [
      db
        .prepare("UPDATE skill_requests SET status = 'rejected', decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'pending'")
        .bind(actor, new Date().toISOString(), reason, request.id),
      auditStatement(db, "skill.rejected", actor, request.employeeId, { skill: request.skill, requestId: request.id, reason }),
    ]);
    return c.json((await findRequest(db, request.id))!, 200);
  });

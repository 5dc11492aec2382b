import { createRoute } from "@hono/zod-openapi";
import {
  ApiErrorResponse,
  CreateSkillRequest,
  PortalSkillList,
  SkillPackage,
  SkillRejectedResponse,
  SkillRequest,
  SkillRequestList,
  SkillSubmission,
  SkillSubmissionList,
  type PortalSkill,
} from "@clawgate/contracts";
import { loadEmployee } from "@clawgate/durable-objects";
import { employeeRoles, skillAllowed } from "@clawgate/durable-objects/turn/skill-rules.ts";
import { offeredSkills } from "@clawgate/durable-objects/turn/skill-sources.ts";
import { auditStatement } from "../../audit.ts";
import { ApiFailure, invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { assertNameAvailable } from "../../skills/name-lookalike.ts";
import { storeSkillMd } from "../../skills/package-store.ts";
import { assertPackagePasses } from "../../skills/review.ts";
import { assertSkillAdmits } from "../../skills/skill-access.ts";
import { findRequest, findSkill, findSubmission, listSkills, newSkillId, queryRequests, querySubmissions } from "../../skills/skill-rows.ts";
import { commit } from "../admin/org-rows.ts";

/** The caller's own skills: what they have and may ask for, their requests, their submitted packages. Never another person's. */

const common = { tags: ["portal"], security: SESSION_SECURITY };

/** Open submissions per person: enough for real work, not a way to fill the review queue and R2. */
const MAX_PENDING_SUBMISSIONS = 10;

const list = createRoute({
  ...common,
  method: "get",
  path: "/skills",
  summary: "The catalog as it stands for you: in your workspace (by position or install), requested, available to request, or not allowed",
  responses: { 200: jsonContent(PortalSkillList, "Catalog skills, by name"), ...errorResponses(401) },
});

const listRequests = createRoute({
  ...common,
  method: "get",
  path: "/skills/requests",
  summary: "Your skill requests and their decisions, newest first",
  responses: { 200: jsonContent(SkillRequestList, "Your requests"), ...errorResponses(401) },
});

const request = createRoute({
  ...common,
  method: "post",
  path: "/skills/requests",
  summary: "Ask for a catalog skill; an admin or your manager decides",
  request: { body: { content: { "application/json": { schema: CreateSkillRequest } }, required: true } },
  responses: {
    201: jsonContent(SkillRequest, "The pending request"),
    ...errorResponses(400, 401, 409),
    422: jsonContent(ApiErrorResponse, "Your role rules do not admit the skill (`skill_not_allowed`); nothing was requested"),
  },
});

const listSubmissions = createRoute({
  ...common,
  method: "get",
  path: "/skills/submissions",
  summary: "Skill packages you submitted and their review status, newest first",
  responses: { 200: jsonContent(SkillSubmissionList, "Your submissions"), ...errorResponses(401) },
});

const submit = createRoute({
  ...common,
  method: "post",
  path: "/skills/submissions",
  summary: "Submit a new skill package for review; it must pass the automatic checks to enter the queue",
  request: { body: { content: { "application/json": { schema: SkillPackage } }, required: true } },
  responses: {
    201: jsonContent(SkillSubmission, "The submission, waiting for an admin"),
    ...errorResponses(400, 401, 409),
    422: jsonContent(SkillRejectedResponse, "The package failed automatic checks: `error.failures` lists each one; nothing was stored"),
  },
});

async function portalSkills(db: D1Database, employeeId: string): Promise<PortalSkill[]> {
  const employee = await loadEmployee(db, employeeId);
  if (!employee) throw new ApiFailure(404, "not_found", "No such employee.");
  const roles = employeeRoles({ role: employee.role, departmentRoleNames: employee.departmentRoleNames, tags: employee.tags });
  const [catalog, offered, pending] = await Promise.all([listSkills(db), offeredSkills(db, employee.position.id, employee.id), queryRequests(db, "employee_id = ? AND status = 'pending'", [employee.id])]);
  const offeredBy = new Map(offered.map((s) => [s.name, s]));
  const requested = new Set(pending.map((r) => r.skill));
  return catalog.map((skill) => {
    const source = offeredBy.get(skill.name);
    const status: PortalSkill["status"] = !skillAllowed(skill, roles)
      ? "not_allowed"
      : source?.assigned
        ? "position"
        : source?.installed
          ? "installed"
          : requested.has(skill.name)
            ? "requested"
            : "available";
    return { name: skill.name, version: skill.version, description: skill.description, permissions: skill.permissions, status };
  });
}

export const skillPortalRoutes = apiRouter()
  .openapi(list, async (c) => c.json({ skills: await portalSkills(c.env.DB, c.get("user").employeeId) }, 200))
  .openapi(listRequests, async (c) => c.json({ requests: await queryRequests(c.env.DB, "employee_id = ?", [c.get("user").employeeId]) }, 200))
  .openapi(request, async (c) => {
    const db = c.env.DB;
    const employeeId = c.get("user").employeeId;
    const body = c.req.valid("json");
    const skill = await findSkill(db, body.skill);
    if (!skill) throw invalidRequest([{ path: "skill", message: "no such skill in the catalog" }]);
    await assertSkillAdmits(db, employeeId, skill);
    const mine = (await portalSkills(db, employeeId)).find((s) => s.name === skill.name)!;
    if (mine.status === "position" || mine.status === "installed") throw new ApiFailure(409, "conflict", `${skill.name} is already in your workspace.`);
    if (mine.status === "requested") throw new ApiFailure(409, "conflict", `You already asked for ${skill.name}; it is waiting for a decision.`);
    const id = newSkillId("skr");
    try {
      await commit(db, [
        db
          .prepare("INSERT INTO skill_requests (id, employee_id, skill_name, reason, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)")
          .bind(id, employeeId, skill.name, body.reason, new Date().toISOString()),
        auditStatement(db, "skill.requested", employeeId, employeeId, { skill: skill.name, version: skill.version, requestId: id }),
      ]);
    } catch (error) {
      // The same request sent twice at once: the open-request index lets one through.
      if (error instanceof Error && /UNIQUE constraint failed: skill_requests/.test(error.message)) throw new ApiFailure(409, "conflict", `You already asked for ${skill.name}.`);
      throw error;
    }
    return c.json((await findRequest(db, id))!, 201);
  })
  .openapi(listSubmissions, async (c) => c.json({ submissions: await querySubmissions(c.env.DB, "submitted_by = ?", [c.get("user").employeeId]) }, 200))
  .openapi(submit, async (c) => {
    const db = c.env.DB;
    const employeeId = c.get("user").employeeId;
    const pkg = c.req.valid("json");
    assertPackagePasses(pkg);
    await assertNameAvailable(db, pkg.manifest.name);
    const open = await db.prepare("SELECT COUNT(*) AS n FROM skill_submissions WHERE submitted_by = ? AND status = 'pending'").bind(employeeId).first<{ n: number }>();
    if ((open?.n ?? 0) >= MAX_PENDING_SUBMISSIONS) throw new ApiFailure(409, "conflict", `You have ${MAX_PENDING_SUBMISSIONS} submissions waiting for review; wait for a decision first.`);
    const { sha256, size } = await storeSkillMd(c.env.CONTENT, pkg.skillMd);
    const id = newSkillId("sks");
    await commit(db, [
      db
        .prepare(
          `INSERT INTO skill_submissions (id, name, version, manifest, sha256, size, submitted_by, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        )
        .bind(id, pkg.manifest.name, pkg.manifest.version, JSON.stringify(pkg.manifest), sha256, size, employeeId, new Date().toISOString()),
      auditStatement(db, "skill.submitted", employeeId, employeeId, { submissionId: id, skill: pkg.manifest.name, version: pkg.manifest.version, sha256 }),
    ]);
    return c.json((await findSubmission(db, id))!, 201);
  });

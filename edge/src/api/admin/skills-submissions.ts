import { createRoute } from "@hono/zod-openapi";
import { IdParam, RejectDecision, SkillRejectedResponse, SkillSubmission, SkillSubmissionDetail, SkillSubmissionList, SkillSubmissionQuery } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { notFound, requireAdmin, scopeOf } from "../../auth/scope.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { assertNameAvailable } from "../../skills/name-lookalike.ts";
import { readSkillMd } from "../../skills/package-store.ts";
import { assertPackagePasses } from "../../skills/review.ts";
import { findSubmission, insertSkill, querySubmissions } from "../../skills/skill-rows.ts";
import { commit } from "./org-rows.ts";

/**
 * The review queue (admins only). Submissions arrive through the portal having passed the automatic
 * checks; approval runs them again (they may have tightened since) and copies the package into the
 * catalog, where it reaches nobody until a position assigns it or someone has it installed.
 */

const common = { tags: ["skills"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/skill-submissions",
  summary: "Submitted skill packages, newest first (admin)",
  request: { query: SkillSubmissionQuery },
  responses: { 200: jsonContent(SkillSubmissionList, "Submissions"), ...errorResponses(400, 401, 403) },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/skill-submissions/{id}",
  summary: "One submission with its SKILL.md, for review (admin)",
  request: { params: IdParam },
  responses: { 200: jsonContent(SkillSubmissionDetail, "The submission"), ...errorResponses(401, 403, 404) },
});

const approve = createRoute({
  ...common,
  method: "post",
  path: "/skill-submissions/{id}/approve",
  summary: "Approve a pending submission into the catalog (admin)",
  request: { params: IdParam },
  responses: {
    200: jsonContent(SkillSubmission, "The approved submission; the catalog now has the skill"),
    ...errorResponses(401, 403, 404, 409),
    422: jsonContent(SkillRejectedResponse, "The package no longer passes the automatic checks"),
  },
});

const reject = createRoute({
  ...common,
  method: "post",
  path: "/skill-submissions/{id}/reject",
  summary: "Reject a pending submission with a reason the submitter sees (admin)",
  request: { params: IdParam, body: { content: { "application/json": { schema: RejectDecision } }, required: true } },
  responses: { 200: jsonContent(SkillSubmission, "The rejected submission"), ...errorResponses(400, 401, 403, 404, 409) },
});

async function pendingSubmission(db: D1Database, id: string): Promise<SkillSubmission> {
  const submission = await findSubmission(db, id);
  if (!submission) throw notFound("skill submission");
  if (submission.status !== "pending") throw new ApiFailure(409, "conflict", `This submission was already ${submission.status}.`);
  return submission;
}

export const skillSubmissionRoutes = apiRouter()
  .openapi(list, async (c) => {
    requireAdmin(await scopeOf(c.env.DB, c.get("user")), "review skill submissions");
    const { status } = c.req.valid("query");
    return c.json({ submissions: await querySubmissions(c.env.DB, status ? "status = ?" : "1 = 1", status ? [status] : []) }, 200);
  })
  .openapi(read, async (c) => {
    requireAdmin(await scopeOf(c.env.DB, c.get("user")), "review skill submissions");
    const submission = await findSubmission(c.env.DB, c.req.valid("param").id);
    if (!submission) throw notFound("skill submission");
    return c.json({ ...submission, skillMd: await readSkillMd(c.env.CONTENT, submission.sha256) }, 200);
  })
  .openapi(approve, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "approve skill submissions");
    const submission = await pendingSubmission(db, c.req.valid("param").id);
    assertPackagePasses({ manifest: submission.manifest, skillMd: await readSkillMd(c.env.CONTENT, submission.sha256) });
    await assertNameAvailable(db, submission.name);
    const now = new Date().toISOString();
    await commit(db, [
      insertSkill(db, submission.manifest, submission.sha256, submission.size, submission.submittedBy, now),
      db.prepare("UPDATE skill_submissions SET status = 'approved', decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'").bind(actor, now, submission.id),
      auditStatement(db, "skill.submission_approved", actor, submission.submittedBy, { submissionId: submission.id, skill: submission.name, version: submission.version, sha256: submission.sha256 }),
    ]);
    return c.json((await findSubmission(db, submission.id))!, 200);
  })
  .openapi(reject, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "reject skill submissions");
    const submission = await pendingSubmission(db, c.req.valid("param").id);
    const { reason } = c.req.valid("json");
    await commit(db, [
      db
        .prepare("UPDATE skill_submissions SET status = 'rejected', decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'pending'")
        .bind(actor, new Date().toISOString(), reason, submission.id),
      auditStatement(db, "skill.submission_rejected", actor, submission.submittedBy, { submissionId: submission.id, skill: submission.name, reason }),
    ]);
    return c.json((await findSubmission(db, submission.id))!, 200);
  });

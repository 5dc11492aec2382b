import { createRoute } from "@hono/zod-openapi";
import { CreateKbAssignment, KbAssignment, KbAssignmentParams, KbIdParam } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { notFound, scopeOf } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { assignableTarget, checkRemovable, visibleKnowledgeBase } from "../../knowledge/kb-access.ts";
import { findAssignment } from "../../knowledge/kb-rows.ts";
import { commit } from "./org-rows.ts";

const common = { tags: ["knowledge"], security: SESSION_SECURITY };

const assign = createRoute({
  ...common,
  method: "post",
  path: "/knowledge-bases/{id}/assignments",
  summary: "Assign a knowledge base to everyone (admin), a position or an employee (admin; a manager within their subtree, for knowledge bases they hold)",
  request: { params: KbIdParam, body: { content: { "application/json": { schema: CreateKbAssignment } }, required: true } },
  responses: {
    200: jsonContent(KbAssignment, "It was assigned already; nothing changed"),
    201: jsonContent(KbAssignment, "Assigned: the next plan of everyone it reaches carries its documents"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const unassign = createRoute({
  ...common,
  method: "delete",
  path: "/knowledge-bases/{id}/assignments/{scope}/{targetId}",
  summary: "Remove an assignment (`everyone/*`, `position/<id>` or `employee/<id>`); same rights as assigning",
  request: { params: KbAssignmentParams },
  responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 403, 404) },
});

/** Audited against the employee it concerns, when it concerns one. */
const concerns = (scope: string, targetId: string) => (scope === "employee" ? targetId : null);

export const knowledgeAssignmentRoutes = apiRouter()
  .openapi(assign, async (c) => {
    const db = c.env.DB;
    const scope = await scopeOf(db, c.get("user"));
    const kb = await visibleKnowledgeBase(db, scope, c.req.valid("param").id);
    const body = c.req.valid("json");
    const targetName = await assignableTarget(db, scope, body);
    const targetId = body.scope === "everyone" ? "*" : body.targetId;
    const assignment: KbAssignment = { scope: body.scope, targetId, targetName };
    if (await findAssignment(db, kb.id, body.scope, targetId)) return c.json(assignment, 200);
    await commit(db, [
      db.prepare("INSERT OR IGNORE INTO kb_assignments (kb_id, scope, scope_id) VALUES (?, ?, ?)").bind(kb.id, body.scope, targetId),
      bumpConfigVersion(db),
      auditStatement(db, "kb.assigned", scope.employeeId, concerns(body.scope, targetId), { kbId: kb.id, scope: body.scope, targetId }),
    ]);
    return c.json(assignment, 201);
  })
  .openapi(unassign, async (c) => {
    const db = c.env.DB;
    const { id, scope: targetScope, targetId } = c.req.valid("param");
    const scope = await scopeOf(db, c.get("user"));
    const kb = await visibleKnowledgeBase(db, scope, id);
    const assignment = await findAssignment(db, kb.id, targetScope, targetId);
    if (!assignment) throw notFound("assignment");
    checkRemovable(scope, assignment);
    await commit(db, [
      db.prepare("DELETE FROM kb_assignments WHERE kb_id = ? AND scope = ? AND scope_id = ?").bind(kb.id, targetScope, targetId),
      bumpConfigVersion(db),
      auditStatement(db, "kb.unassigned", scope.employeeId, concerns(targetScope, targetId), { kbId: kb.id, scope: targetScope, targetId }),
    ]);
    return c.body(null, 204);
  });

import { createRoute } from "@hono/zod-openapi";
import { CreateKnowledgeBase, KbIdParam, KnowledgeBase, KnowledgeBaseDeleted, KnowledgeBaseList, UpdateKnowledgeBase } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { requireAdmin, scopeOf, type Scope } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { assignmentVisible, visibleKbIds, visibleKnowledgeBase } from "../../knowledge/kb-access.ts";
import { describeKnowledgeBases, isGenerated, newKbId, queryKnowledgeBases, type KbRow } from "../../knowledge/kb-rows.ts";
import { knowledgeAssignmentRoutes } from "./knowledge-assignments.ts";
import { knowledgeDocumentRoutes } from "./knowledge-documents.ts";
import { commit } from "./org-rows.ts";

// Who may do what is stated once, in knowledge/kb-access.ts.
const common = { tags: ["knowledge"], security: SESSION_SECURITY };
const byId = { params: KbIdParam };

const list = createRoute({
  ...common,
  method: "get",
  path: "/knowledge-bases",
  summary: "Knowledge bases with their documents and assignments (a manager: those they hold, and assignments within their reach)",
  responses: { 200: jsonContent(KnowledgeBaseList, "Knowledge bases, by name"), ...errorResponses(401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/knowledge-bases",
  summary: "Create an empty knowledge base (admin)",
  request: { body: { content: { "application/json": { schema: CreateKnowledgeBase } }, required: true } },
  responses: { 201: jsonContent(KnowledgeBase, "The new knowledge base"), ...errorResponses(400, 401, 403) },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/knowledge-bases/{id}",
  summary: "One knowledge base: its documents and assignments",
  request: byId,
  responses: { 200: jsonContent(KnowledgeBase, "The knowledge base"), ...errorResponses(401, 403, 404) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/knowledge-bases/{id}",
  summary: "Rename or describe a knowledge base (admin)",
  request: { ...byId, body: { content: { "application/json": { schema: UpdateKnowledgeBase } }, required: true } },
  responses: { 200: jsonContent(KnowledgeBase, "The knowledge base as changed"), ...errorResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/knowledge-bases/{id}",
  summary: "Delete a knowledge base with its documents and assignments (admin); the generated company directory cannot be deleted (409)",
  request: byId,
  responses: { 200: jsonContent(KnowledgeBaseDeleted, "What was deleted"), ...errorResponses(401, 403, 404, 409) },
});

async function describe(db: D1Database, kb: KbRow, scope: Scope): Promise<KnowledgeBase> {
  const [described] = await describeKnowledgeBases(db, [kb], assignmentVisible(scope));
  return described!;
}

export const knowledgeRoutes = apiRouter()
  .openapi(list, async (c) => {
    const db = c.env.DB;
    const scope = await scopeOf(db, c.get("user"));
    const kbs = await queryKnowledgeBases(db, await visibleKbIds(db, scope));
    return c.json({ knowledgeBases: await describeKnowledgeBases(db, kbs, assignmentVisible(scope)) }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const scope = await scopeOf(db, c.get("user"));
    requireAdmin(scope, "create knowledge bases");
    const body = c.req.valid("json");
    const kb: KbRow = { id: newKbId(), name: body.name, description: body.description, generated: 0, created_at: new Date().toISOString() };
    // Not assigned to anyone yet, so no plan changes: the config version stays.
    await commit(db, [
      db.prepare("INSERT INTO knowledge_bases (id, name, description, generated, created_at) VALUES (?, ?, ?, 0, ?)").bind(kb.id, kb.name, kb.description, kb.created_at),
      auditStatement(db, "kb.created", scope.employeeId, null, { kbId: kb.id, name: kb.name }),
    ]);
    return c.json(await describe(db, kb, scope), 201);
  })
  .openapi(read, async (c) => {
    const db = c.env.DB;
    const scope = await scopeOf(db, c.get("user"));
    return c.json(await describe(db, await visibleKnowledgeBase(db, scope, c.req.valid("param").id), scope), 200);
  })
  .openapi(update, async (c) => {
    const db = c.env.DB;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visibleKnowledgeBase(db, scope, c.req.valid("param").id);
    requireAdmin(scope, "change knowledge bases");
    const body = c.req.valid("json");
    const next: KbRow = { ...existing, ...body };
    await commit(db, [
      db.prepare("UPDATE knowledge_bases SET name = ?, description = ? WHERE id = ?").bind(next.name, next.description, next.id),
      // The name is part of every plan that carries the knowledge base.
      bumpConfigVersion(db),
      auditStatement(db, "kb.updated", scope.employeeId, null, { kbId: next.id, changed: Object.keys(body) }),
    ]);
    return c.json(await describe(db, next, scope), 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visibleKnowledgeBase(db, scope, c.req.valid("param").id);
    requireAdmin(scope, "delete knowledge bases");
    if (isGenerated(existing)) throw new ApiFailure(409, "conflict", `${existing.name} is generated from org data and cannot be deleted; remove its assignments to withhold it.`);
    const counts = await db
      .prepare("SELECT (SELECT COUNT(*) FROM kb_documents WHERE kb_id = ?1) AS documents, (SELECT COUNT(*) FROM kb_assignments WHERE kb_id = ?1) AS assignments")
      .bind(existing.id)
      .first<{ documents: number; assignments: number }>();
    const deleted = { knowledgeBase: existing.id, documents: counts?.documents ?? 0, assignments: counts?.assignments ?? 0 };
    // Document texts stay in R2: blobs are shared by hash (the same text may be another document or a SOUL layer).
    await commit(db, [
      db.prepare("DELETE FROM kb_documents WHERE kb_id = ?").bind(existing.id),
      db.prepare("DELETE FROM kb_assignments WHERE kb_id = ?").bind(existing.id),
      db.prepare("DELETE FROM knowledge_bases WHERE id = ?").bind(existing.id),
      bumpConfigVersion(db),
      auditStatement(db, "kb.deleted", scope.employeeId, null, { ...deleted, name: existing.name }),
    ]);
    return c.json({ deleted }, 200);
  })
  .route("/", knowledgeDocumentRoutes)
  .route("/", knowledgeAssignmentRoutes);

import { createRoute, z } from "@hono/zod-openapi";
import { ApiErrorResponse, KB_DOCUMENT_MAX_BYTES, KbDocumentContent, KbDocumentMeta, KbDocumentParams, UploadKbDocumentQuery } from "@clawgate/contracts";
import { putBlob } from "@clawgate/durable-objects";
import { auditStatement } from "../../audit.ts";
import { notFound, requireAdmin, scopeOf } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { documentTitle } from "../../knowledge/document-title.ts";
import { visibleKnowledgeBase } from "../../knowledge/kb-access.ts";
import { findDocument, isGenerated, readDocument, type KbRow } from "../../knowledge/kb-rows.ts";
import { readMarkdownUpload } from "../../knowledge/markdown-upload.ts";
import { commit } from "./org-rows.ts";

const common = { tags: ["knowledge"], security: SESSION_SECURITY };
const byFile = { params: KbDocumentParams };

const read = createRoute({
  ...common,
  method: "get",
  path: "/knowledge-bases/{id}/documents/{file}",
  summary: "One document with its markdown text",
  request: byFile,
  responses: { 200: jsonContent(KbDocumentContent, "The document"), ...errorResponses(400, 401, 403, 404) },
});

const upload = createRoute({
  ...common,
  method: "put",
  path: "/knowledge-bases/{id}/documents/{file}",
  summary: `Upload or replace a markdown document (admin), at most ${KB_DOCUMENT_MAX_BYTES} bytes; titled by ?title, else its first heading, else its file name`,
  request: {
    ...byFile,
    query: UploadKbDocumentQuery,
    body: {
      content: { "text/markdown": { schema: z.string().meta({ description: "UTF-8 markdown; text/x-markdown and text/plain are accepted too" }) } },
      required: true,
    },
  },
  responses: {
    200: jsonContent(KbDocumentMeta, "The document replaced an earlier version"),
    201: jsonContent(KbDocumentMeta, "The new document"),
    ...errorResponses(400, 401, 403, 404, 409),
    413: jsonContent(ApiErrorResponse, "The document is larger than 1 MB; nothing was stored"),
    415: jsonContent(ApiErrorResponse, "Not declared as UTF-8 markdown; nothing was stored"),
  },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/knowledge-bases/{id}/documents/{file}",
  summary: "Delete a document (admin)",
  request: byFile,
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 403, 404, 409) },
});

function refuseGenerated(kb: KbRow): void {
  if (isGenerated(kb)) throw new ApiFailure(409, "conflict", `${kb.name} is generated from org data; change the organisation instead of its documents.`);
}

export const knowledgeDocumentRoutes = apiRouter()
  .openapi(read, async (c) => {
    const db = c.env.DB;
    const { id, file } = c.req.valid("param");
    const kb = await visibleKnowledgeBase(db, await scopeOf(db, c.get("user")), id);
    const document = await readDocument(db, c.env.CONTENT, kb, file);
    if (!document) throw notFound("document");
    return c.json(document, 200);
  })
  .openapi(upload, async (c) => {
    const db = c.env.DB;
    const { id, file } = c.req.valid("param");
    const scope = await scopeOf(db, c.get("user"));
    const kb = await visibleKnowledgeBase(db, scope, id);
    requireAdmin(scope, "upload documents");
    refuseGenerated(kb);
    // Every check that needs no body runs first: a refused upload is never read.
    const { text, size } = await readMarkdownUpload(c.req.raw);
    const sha256 = await putBlob(c.env.CONTENT, text);
    const replaced = (await findDocument(db, kb.id, file)) !== null;
    const document: KbDocumentMeta = {
      file,
      title: c.req.valid("query").title ?? documentTitle(text, file),
      sha256,
      size,
      updatedAt: new Date().toISOString(),
      uploadedBy: scope.employeeId,
    };
    await commit(db, [
      db
        .prepare(
          `INSERT INTO kb_documents (kb_id, file, title, sha256, size, updated_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (kb_id, file) DO UPDATE SET title = excluded.title, sha256 = excluded.sha256, size = excluded.size,
             updated_at = excluded.updated_at, uploaded_by = excluded.uploaded_by`,
        )
        .bind(kb.id, file, document.title, sha256, size, document.updatedAt, document.uploadedBy),
      bumpConfigVersion(db),
      auditStatement(db, "kb.document_uploaded", scope.employeeId, null, { kbId: kb.id, file, sha256, size, replaced }),
    ]);
    return c.json(document, replaced ? 200 : 201);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const { id, file } = c.req.valid("param");
    const scope = await scopeOf(db, c.get("user"));
    const kb = await visibleKnowledgeBase(db, scope, id);
    requireAdmin(scope, "delete documents");
    refuseGenerated(kb);
    const existing = await findDocument(db, kb.id, file);
    if (!existing) throw notFound("document");
    await commit(db, [
      db.prepare("DELETE FROM kb_documents WHERE kb_id = ? AND file = ?").bind(kb.id, file),
      bumpConfigVersion(db),
      auditStatement(db, "kb.document_deleted", scope.employeeId, null, { kbId: kb.id, file, sha256: existing.sha256 }),
    ]);
    return c.body(null, 204);
  });

import { createRoute } from "@hono/zod-openapi";
import { KbDocumentContent, KbDocumentParams, PortalKnowledgeList } from "@clawgate/contracts";
import { notFound } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { readableKbIds, readableKnowledgeBase } from "../../knowledge/kb-access.ts";
import { describeKnowledgeBases, queryKnowledgeBases, readDocument } from "../../knowledge/kb-rows.ts";

const common = { tags: ["portal"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/knowledge",
  summary: "The knowledge bases assigned to you (to everyone, your position or you), with their documents — what your agent has",
  responses: { 200: jsonContent(PortalKnowledgeList, "Your knowledge bases, by name"), ...errorResponses(401) },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/knowledge/{id}/documents/{file}",
  summary: "One document of a knowledge base assigned to you; any other answers 404",
  request: { params: KbDocumentParams },
  responses: { 200: jsonContent(KbDocumentContent, "The document"), ...errorResponses(400, 401, 404) },
});

/** The caller's own knowledge, whatever their role: never an id from the request decides whose. */
export const knowledgePortalRoutes = apiRouter()
  .openapi(list, async (c) => {
    const db = c.env.DB;
    const kbs = await queryKnowledgeBases(db, await readableKbIds(db, c.get("user").employeeId));
    const described = await describeKnowledgeBases(db, kbs, () => false);
    return c.json({ knowledgeBases: described.map(({ id, name, description, createdAt, documents }) => ({ id, name, description, createdAt, documents })) }, 200);
  })
  .openapi(read, async (c) => {
    const db = c.env.DB;
    const { id, file } = c.req.valid("param");
    const kb = await readableKnowledgeBase(db, c.get("user").employeeId, id);
    const document = await readDocument(db, c.env.CONTENT, kb, file);
    if (!document) throw notFound("document");
    return c.json(document, 200);
  });

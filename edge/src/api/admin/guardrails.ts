import { createRoute, z } from "@hono/zod-openapi";
import { AttachGuardrails, CreateGuardrail, Guardrail, GuardrailList, GuardrailPolicy, IdParam, RuntimeGuardrails, UpdateGuardrail } from "@clawgate/contracts";
import { ulid } from "ulid";
import { auditStatement } from "../../audit.ts";
import { notFound, requireAdmin, scopeOf } from "../../auth/scope.ts";
import { ApiFailure, invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { commitOrConflict } from "../../governance/commit.ts";
import { commit } from "./org-rows.ts";

/**
 * Guardrails (admin only): Bedrock guardrails and built-in policies, and which runtime applies
 * which to input and output. The turn path reads them on every turn (durable-objects/src/turn/
 * checks.ts), so a change applies from the next turn without touching any plan.
 */
const common = { tags: ["guardrails"], security: SESSION_SECURITY };
const UNIQUE_NAME = { "guardrails.name": "Another guardrail already has this name." };

const list = createRoute({
  ...common,
  method: "get",
  path: "/guardrails",
  summary: "Every guardrail, with the runtimes using it (admin)",
  responses: { 200: jsonContent(GuardrailList, "The guardrails, by name"), ...errorResponses(401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/guardrails",
  summary: "Add a guardrail (admin): kind bedrock (guardrail id, version, region) or builtin (denied topics, PII, word lists)",
  request: { body: { content: { "application/json": { schema: CreateGuardrail } }, required: true } },
  responses: { 201: jsonContent(Guardrail, "The guardrail"), ...errorResponses(400, 401, 403, 409) },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/guardrails/{id}",
  summary: "One guardrail (admin)",
  request: { params: IdParam },
  responses: { 200: jsonContent(Guardrail, "The guardrail"), ...errorResponses(401, 403, 404) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/guardrails/{id}",
  summary: "Change a guardrail (admin); its kind stays",
  request: { params: IdParam, body: { content: { "application/json": { schema: UpdateGuardrail } }, required: true } },
  responses: { 200: jsonContent(Guardrail, "The guardrail as changed"), ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/guardrails/{id}",
  summary: "Delete a guardrail (admin); 409 while a runtime uses it",
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ deleted: z.string() }), "The guardrail was deleted"), ...errorResponses(401, 403, 404, 409) },
});

const readAttachment = createRoute({
  ...common,
  method: "get",
  path: "/runtimes/{id}/guardrails",
  summary: "The input and output guardrails of a runtime and whether it fails closed (admin)",
  request: { params: IdParam },
  responses: { 200: jsonContent(RuntimeGuardrails, "The runtime's guardrails"), ...errorResponses(401, 403, 404) },
});

const attach = createRoute({
  ...common,
  method: "put",
  path: "/runtimes/{id}/guardrails",
  summary: "Set a runtime's input and output guardrails (null for none) and `strict`: refuse turns when a guardrail errors (admin)",
  request: { params: IdParam, body: { content: { "application/json": { schema: AttachGuardrails } }, required: true } },
  responses: { 200: jsonContent(RuntimeGuardrails, "The runtime's guardrails as set"), ...errorResponses(400, 401, 403, 404) },
});

interface GuardrailRecord {
  id: string;
  name: string;
  kind: "bedrock" | "builtin";
  bedrock_guardrail_id: string | null;
  bedrock_version: string | null;
  bedrock_region: string | null;
  policy: string | null;
  blocked_input_message: string;
  blocked_output_message: string;
  updated_at: string;
  updated_by: string;
}

const COLUMNS = "id, name, kind, bedrock_guardrail_id, bedrock_version, bedrock_region, policy, blocked_input_message, blocked_output_message, updated_at, updated_by";

async function guardrailsWhere(db: D1Database, where: string, binds: unknown[]): Promise<Guardrail[]> {
  const [rows, uses] = await db.batch([
    db.prepare(`SELECT ${COLUMNS} FROM guardrails ${where} ORDER BY name, id`).bind(...binds),
    db.prepare(
      `SELECT id AS runtime_id, input_guardrail_id AS guardrail_id, 'input' AS used_as FROM runtimes WHERE input_guardrail_id IS NOT NULL
       UNION ALL SELECT id, output_guardrail_id, 'output' FROM runtimes WHERE output_guardrail_id IS NOT NULL ORDER BY 1`,
    ),
  ]);
  const usage = uses!.results as { runtime_id: string; guardrail_id: string; used_as: "input" | "output" }[];
  return (rows!.results as GuardrailRecord[]).map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    bedrock: r.kind === "bedrock" ? { guardrailId: r.bedrock_guardrail_id!, version: r.bedrock_version!, region: r.bedrock_region! } : null,
    policy: r.kind === "builtin" ? GuardrailPolicy.parse(JSON.parse(r.policy!)) : null,
    blockedInputMessage: r.blocked_input_message,
    blockedOutputMessage: r.blocked_output_message,
    runtimes: usage.filter((u) => u.guardrail_id === r.id).map((u) => ({ runtimeId: u.runtime_id, as: u.used_as })),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

async function findGuardrail(db: D1Database, id: string): Promise<Guardrail> {
  const [found] = await guardrailsWhere(db, "WHERE id = ?", [id]);
  if (!found) throw notFound("guardrail");
  return found;
}

async function findAttachment(db: D1Database, runtimeId: string): Promise<RuntimeGuardrails> {
  const row = await db
    .prepare("SELECT id, input_guardrail_id, output_guardrail_id, guardrail_strict FROM runtimes WHERE id = ?")
    .bind(runtimeId)
    .first<{ id: string; input_guardrail_id: string | null; output_guardrail_id: string | null; guardrail_strict: number }>();
  if (!row) throw notFound("runtime");
  return { runtimeId: row.id, inputGuardrailId: row.input_guardrail_id, outputGuardrailId: row.output_guardrail_id, strict: row.guardrail_strict === 1 };
}

/** A change must fit the guardrail's kind: a Bedrock reference for Bedrock, a policy for built-in. */
function checkKind(existing: Guardrail, change: UpdateGuardrail): void {
  const foreign = existing.kind === "bedrock" ? "policy" : "bedrock";
  if (foreign in change) throw invalidRequest([{ path: foreign, message: `does not apply to a guardrail of kind ${existing.kind}` }]);
}

const audited = (db: D1Database, actor: string, detail: Record<string, unknown>) => auditStatement(db, "config.changed", actor, null, { area: "guardrails", ...detail });

export const guardrailRoutes = apiRouter()
  .openapi(list, async (c) => {
    requireAdmin(await scopeOf(c.env.DB, c.get("user")), "see guardrails");
    return c.json({ guardrails: await guardrailsWhere(c.env.DB, "", []) }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "add guardrails");
    const body = c.req.valid("json");
    const id = `gr-${ulid().toLowerCase()}`;
    const now = new Date().toISOString();
    const bedrock = body.kind === "bedrock" ? body.bedrock : null;
    await commitOrConflict(
      db,
      [
        db
          .prepare(
            `INSERT INTO guardrails (id, name, kind, bedrock_guardrail_id, bedrock_version, bedrock_region, policy, blocked_input_message, blocked_output_message, created_at, updated_at, updated_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            id,
            body.name,
            body.kind,
            bedrock?.guardrailId ?? null,
            bedrock?.version ?? null,
            bedrock?.region ?? null,
            body.kind === "builtin" ? JSON.stringify(body.policy) : null,
            body.blockedInputMessage,
            body.blockedOutputMessage,
            now,
            now,
            actor,
          ),
        audited(db, actor, { action: "created", guardrailId: id, kind: body.kind }),
      ],
      UNIQUE_NAME,
    );
    return c.json(await findGuardrail(db, id), 201);
  })
  .openapi(read, async (c) => {
    requireAdmin(await scopeOf(c.env.DB, c.get("user")), "see guardrails");
    return c.json(await findGuardrail(c.env.DB, c.req.valid("param").id), 200);
  })
  .openapi(update, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "change guardrails");
    const existing = await findGuardrail(db, c.req.valid("param").id);
    const change = c.req.valid("json");
    checkKind(existing, change);
    const bedrock = change.bedrock ?? existing.bedrock;
    const policy = change.policy ?? existing.policy;
    await commitOrConflict(
      db,
      [
        db
          .prepare(
            `UPDATE guardrails SET name = ?, bedrock_guardrail_id = ?, bedrock_version = ?, bedrock_region = ?, policy = ?,
                    blocked_input_message = ?, blocked_output_message = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
          )
          .bind(
            change.name ?? existing.name,
            bedrock?.guardrailId ?? null,
            bedrock?.version ?? null,
            bedrock?.region ?? null,
            policy ? JSON.stringify(policy) : null,
            change.blockedInputMessage ?? existing.blockedInputMessage,
            change.blockedOutputMessage ?? existing.blockedOutputMessage,
            new Date().toISOString(),
            actor,
            existing.id,
          ),
        audited(db, actor, { action: "updated", guardrailId: existing.id, kind: existing.kind, fields: Object.keys(change) }),
      ],
      UNIQUE_NAME,
    );
    return c.json(await findGuardrail(db, existing.id), 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "delete guardrails");
    const existing = await findGuardrail(db, c.req.valid("param").id);
    if (existing.runtimes.length) {
      const names = [...new Set(existing.runtimes.map((r) => r.runtimeId))].join(", ");
      throw new ApiFailure(409, "conflict", `Runtime(s) ${names} use this guardrail; detach it first (PUT /api/admin/runtimes/{id}/guardrails).`, { runtimes: existing.runtimes });
    }
    // A runtime attaching it meanwhile fails the foreign key: 409, nothing deleted.
    await commit(db, [db.prepare("DELETE FROM guardrails WHERE id = ?").bind(existing.id), audited(db, actor, { action: "deleted", guardrailId: existing.id, kind: existing.kind })]);
    return c.json({ deleted: existing.id }, 200);
  })
  .openapi(readAttachment, async (c) => {
    requireAdmin(await scopeOf(c.env.DB, c.get("user")), "see guardrails");
    return c.json(await findAttachment(c.env.DB, c.req.valid("param").id), 200);
  })
  .openapi(attach, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "attach guardrails");
    const existing = await findAttachment(db, c.req.valid("param").id);
    const body = c.req.valid("json");
    const named = [body.inputGuardrailId, body.outputGuardrailId].filter((id): id is string => id !== null);
    const known = named.length ? await db.prepare("SELECT id FROM guardrails WHERE id IN (SELECT value FROM json_each(?))").bind(JSON.stringify(named)).all<{ id: string }>() : { results: [] };
    const missing = (["inputGuardrailId", "outputGuardrailId"] as const).filter((field) => body[field] !== null && !known.results.some((r) => r.id === body[field]));
    if (missing.length) throw invalidRequest(missing.map((field) => ({ path: field, message: "no such guardrail" })));
    await commitOrConflict(
      db,
      [
        db
          .prepare("UPDATE runtimes SET input_guardrail_id = ?, output_guardrail_id = ?, guardrail_strict = ? WHERE id = ?")
          .bind(body.inputGuardrailId, body.outputGuardrailId, body.strict ? 1 : 0, existing.runtimeId),
        audited(db, actor, { action: "attached", runtimeId: existing.runtimeId, inputGuardrailId: body.inputGuardrailId, outputGuardrailId: body.outputGuardrailId, strict: body.strict }),
      ],
      {},
    );
    return c.json({ runtimeId: existing.runtimeId, ...body }, 200);
  });

import { createRoute, z } from "@hono/zod-openapi";
import { arnRegion, CreateRuntime, IdParam, Runtime, RuntimeList, UpdateRuntime } from "@clawgate/contracts";
import { ulid } from "ulid";
import { auditStatement } from "../../audit.ts";
import { notFound, requireAdmin, scopeOf } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure, invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { commit } from "./org-rows.ts";

/**
 * Agent runtimes: AgentCore runtimes (ARN, region, endpoint qualifier) and plain HTTP runtimes
 * (local dev, always-on containers). No secret is stored with a runtime — AWS credentials and the
 * HMAC key are Worker secrets — so nothing here can leak one. Admins change runtimes; managers
 * see them, to route the positions of their subtree (PATCH /positions/{id} runtimeId).
 */
const common = { tags: ["runtimes"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/runtimes",
  summary: "Every runtime; the default one serves whoever no rule routes elsewhere",
  responses: { 200: jsonContent(RuntimeList, "The runtimes, by name"), ...errorResponses(401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/runtimes",
  summary: "Add a runtime (admin): kind agentcore (arn, region, qualifier) or http (endpoint: https, or http on localhost)",
  request: { body: { content: { "application/json": { schema: CreateRuntime } }, required: true } },
  responses: { 201: jsonContent(Runtime, "The runtime"), ...errorResponses(400, 401, 403) },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/runtimes/{id}",
  summary: "One runtime",
  request: { params: IdParam },
  responses: { 200: jsonContent(Runtime, "The runtime"), ...errorResponses(401, 403, 404) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/runtimes/{id}",
  summary: "Change a runtime (admin); `isDefault: true` makes it the default",
  request: { params: IdParam, body: { content: { "application/json": { schema: UpdateRuntime } }, required: true } },
  responses: { 200: jsonContent(Runtime, "The runtime as changed"), ...errorResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/runtimes/{id}",
  summary: "Delete a runtime (admin); 409 while it is the default or positions or employees are routed to it",
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ deleted: z.string() }), "The runtime was deleted"), ...errorResponses(401, 403, 404, 409) },
});

interface RuntimeRecord {
  id: string;
  name: string;
  kind: "http" | "agentcore";
  endpoint: string;
  qualifier: string | null;
  region: string | null;
  is_default: number;
  created_at: string;
}

const COLUMNS = "id, name, kind, endpoint, qualifier, region, is_default, created_at";

/** For AgentCore runtimes the endpoint column holds the ARN. */
function toRuntime(r: RuntimeRecord): Runtime {
  const common = { id: r.id, name: r.name, isDefault: r.is_default === 1, createdAt: r.created_at };
  if (r.kind === "http") return { ...common, kind: "http", endpoint: r.endpoint };
  return { ...common, kind: "agentcore", arn: r.endpoint, region: r.region ?? arnRegion(r.endpoint) ?? "us-east-1", qualifier: r.qualifier ?? "DEFAULT" };
}

async function findRuntime(db: D1Database, id: string): Promise<RuntimeRecord> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM runtimes WHERE id = ?`).bind(id).first<RuntimeRecord>();
  if (!row) throw notFound("runtime");
  return row;
}

/** A change must fit the runtime's kind, and an AgentCore runtime's region must stay its ARN's. */
function applyChange(existing: RuntimeRecord, change: UpdateRuntime): RuntimeRecord {
  const foreign = existing.kind === "http" ? (["arn", "region", "qualifier"] as const) : (["endpoint"] as const);
  const misplaced = foreign.filter((field) => field in change);
  if (misplaced.length) throw invalidRequest(misplaced.map((field) => ({ path: field, message: `does not apply to a runtime of kind ${existing.kind}` })));
  const next: RuntimeRecord = {
    ...existing,
    name: change.name ?? existing.name,
    endpoint: change.endpoint ?? change.arn ?? existing.endpoint,
    qualifier: change.qualifier ?? existing.qualifier,
    region: change.region ?? (change.arn ? arnRegion(change.arn) : existing.region),
    is_default: change.isDefault ? 1 : existing.is_default,
  };
  if (next.kind === "agentcore" && next.region !== arnRegion(next.endpoint)) throw invalidRequest([{ path: "region", message: "must be the region of the ARN" }]);
  return next;
}

const audited = (db: D1Database, actor: string, action: string, runtime: RuntimeRecord) =>
  auditStatement(db, "config.changed", actor, null, { area: "runtimes", action, runtimeId: runtime.id, kind: runtime.kind, isDefault: runtime.is_default === 1 });

export const runtimeRoutes = apiRouter()
  .openapi(list, async (c) => {
    const rows = await c.env.DB.prepare(`SELECT ${COLUMNS} FROM runtimes ORDER BY name, id`).all<RuntimeRecord>();
    return c.json({ runtimes: rows.results.map(toRuntime) }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    requireAdmin(await scopeOf(db, c.get("user")), "add runtimes");
    const body = c.req.valid("json");
    const record: RuntimeRecord = {
      id: `rt-${ulid().toLowerCase()}`,
      name: body.name,
      kind: body.kind,
      endpoint: body.kind === "http" ? body.endpoint : body.arn,
      qualifier: body.kind === "agentcore" ? body.qualifier : null,
      region: body.kind === "agentcore" ? (body.region ?? arnRegion(body.arn)) : null,
      is_default: 0,
      created_at: new Date().toISOString(),
    };
    await commit(db, [
      db
        .prepare("INSERT INTO runtimes (id, name, kind, endpoint, qualifier, region, is_default, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)")
        .bind(record.id, record.name, record.kind, record.endpoint, record.qualifier, record.region, record.created_at),
      bumpConfigVersion(db),
      audited(db, c.get("user").employeeId, "created", record),
    ]);
    return c.json(toRuntime(record), 201);
  })
  .openapi(read, async (c) => c.json(toRuntime(await findRuntime(c.env.DB, c.req.valid("param").id)), 200))
  .openapi(update, async (c) => {
    const db = c.env.DB;
    requireAdmin(await scopeOf(db, c.get("user")), "change runtimes");
    const next = applyChange(await findRuntime(db, c.req.valid("param").id), c.req.valid("json"));
    await commit(db, [
      // One default at a time: making this one the default demotes the other in the same batch.
      ...(next.is_default ? [db.prepare("UPDATE runtimes SET is_default = 0 WHERE id <> ?").bind(next.id)] : []),
      db.prepare("UPDATE runtimes SET name = ?, endpoint = ?, qualifier = ?, region = ?, is_default = ? WHERE id = ?").bind(next.name, next.endpoint, next.qualifier, next.region, next.is_default, next.id),
      bumpConfigVersion(db),
      audited(db, c.get("user").employeeId, "updated", next),
    ]);
    return c.json(toRuntime(next), 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    requireAdmin(await scopeOf(db, c.get("user")), "delete runtimes");
    const existing = await findRuntime(db, c.req.valid("param").id);
    if (existing.is_default) throw new ApiFailure(409, "conflict", "This is the default runtime; make another runtime the default first.");
    const users = await db
      .prepare("SELECT (SELECT COUNT(*) FROM positions WHERE runtime_id = ?1) AS positions, (SELECT COUNT(*) FROM employees WHERE runtime_id = ?1) AS employees")
      .bind(existing.id)
      .first<{ positions: number; employees: number }>();
    if (users && users.positions + users.employees > 0) {
      throw new ApiFailure(409, "conflict", `${users.positions} position(s) and ${users.employees} employee(s) are routed to ${existing.name}; route them elsewhere first.`, {
        blockers: { positions: users.positions, employees: users.employees, departments: 0 },
      });
    }
    await commit(db, [db.prepare("DELETE FROM runtimes WHERE id = ?").bind(existing.id), bumpConfigVersion(db), audited(db, c.get("user").employeeId, "deleted", existing)]);
    return c.json({ deleted: existing.id }, 200);
  });

import { createRoute } from "@hono/zod-openapi";
import { CreatePosition, DeleteQuery, DeleteResult, IdParam, Position, PositionList, UpdatePosition } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { forbidden, inScope, notFound, positionVisible, requireAdmin, scopeFilter, scopeOf, type Scope } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { commit, findDepartment, findPosition, newId, queryPositions, unknownReference } from "./org-rows.ts";
import { assertAdminRemains, blockers, conflict, deleteResult, isBlocked, positionRemoval, removalStatements } from "./removal.ts";

const common = { tags: ["organisation"], security: SESSION_SECURITY };
const byId = { params: IdParam };

const list = createRoute({
  ...common,
  method: "get",
  path: "/positions",
  summary: "Positions in the caller's scope (a manager also sees, read-only, those of the departments above theirs)",
  responses: { 200: jsonContent(PositionList, "Positions, by name"), ...errorResponses(401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/positions",
  summary: "Create a position (admin)",
  request: { body: { content: { "application/json": { schema: CreatePosition } }, required: true } },
  responses: { 201: jsonContent(Position, "The new position"), ...errorResponses(400, 401, 403) },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/positions/{id}",
  summary: "One position",
  request: byId,
  responses: { 200: jsonContent(Position, "The position"), ...errorResponses(401, 403, 404) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/positions/{id}",
  summary: "Change a position (admin; a manager for positions of their subtree)",
  request: { ...byId, body: { content: { "application/json": { schema: UpdatePosition } }, required: true } },
  responses: { 200: jsonContent(Position, "The position as changed"), ...errorResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/positions/{id}",
  summary: "Delete a position (admin); 409 while employees hold it unless ?force=true",
  request: { ...byId, query: DeleteQuery },
  responses: { 200: jsonContent(DeleteResult, "What was deleted"), ...errorResponses(401, 403, 404, 409) },
});

async function visiblePosition(db: D1Database, scope: Scope, id: string): Promise<Position> {
  const position = await findPosition(db, id);
  if (!position || !positionVisible(scope, position)) throw notFound("position");
  return position;
}

/** Body references must exist (and a department must be in the caller's scope); else 400 naming the field. */
async function checkReferences(db: D1Database, scope: Scope, body: { departmentId?: string; runtimeId?: string | null; defaultSkills?: string[] }) {
  if (body.departmentId !== undefined) {
    const department = await findDepartment(db, body.departmentId);
    if (!department || !inScope(scope, department.id)) throw unknownReference("departmentId", "department");
  }
  if (body.runtimeId) {
    const runtime = await db.prepare("SELECT id FROM runtimes WHERE id = ?").bind(body.runtimeId).first();
    if (!runtime) throw unknownReference("runtimeId", "runtime");
  }
  if (body.defaultSkills?.length) {
    const known = await db.prepare("SELECT name FROM skills WHERE name IN (SELECT value FROM json_each(?))").bind(JSON.stringify(body.defaultSkills)).all<{ name: string }>();
    const names = new Set(known.results.map((r) => r.name));
    const missing = body.defaultSkills.filter((name) => !names.has(name));
    if (missing.length) throw invalidRequest([{ path: "defaultSkills", message: `no such skill: ${missing.join(", ")}` }]);
  }
}

export const positionRoutes = apiRouter()
  .openapi(list, async (c) => {
    const filter = scopeFilter(await scopeOf(c.env.DB, c.get("user")), "department_id", { withAncestors: true });
    return c.json({ positions: await queryPositions(c.env.DB, filter.sql, filter.binds) }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    requireAdmin(scope, "create positions");
    const body = c.req.valid("json");
    await checkReferences(db, scope, body);
    const position: Position = { id: newId("pos"), ...body };
    await commit(db, [
      db
        .prepare("INSERT INTO positions (id, name, department_id, capabilities, default_skills, runtime_id) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(position.id, position.name, position.departmentId, JSON.stringify(position.capabilities), JSON.stringify(position.defaultSkills), position.runtimeId),
      bumpConfigVersion(db),
      auditStatement(db, "org.position_created", actor, null, { positionId: position.id, name: position.name, departmentId: position.departmentId, capabilities: position.capabilities }),
    ]);
    return c.json(position, 201);
  })
  .openapi(read, async (c) => {
    const scope = await scopeOf(c.env.DB, c.get("user"));
    return c.json(await visiblePosition(c.env.DB, scope, c.req.valid("param").id), 200);
  })
  .openapi(update, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visiblePosition(db, scope, c.req.valid("param").id);
    if (!inScope(scope, existing.departmentId)) throw forbidden("This position belongs to a department above yours; only admins may change it.");
    const body = c.req.valid("json");
    await checkReferences(db, scope, body);
    const next: Position = { ...existing, ...body };
    await commit(db, [
      db
        .prepare("UPDATE positions SET name = ?, department_id = ?, capabilities = ?, default_skills = ?, runtime_id = ? WHERE id = ?")
        .bind(next.name, next.departmentId, JSON.stringify(next.capabilities), JSON.stringify(next.defaultSkills), next.runtimeId, next.id),
      bumpConfigVersion(db),
      auditStatement(db, "org.position_updated", actor, null, {
        positionId: next.id,
        changed: Object.keys(body),
        ...(body.capabilities ? { capabilities: { from: existing.capabilities, to: next.capabilities } } : {}),
      }),
    ]);
    return c.json(next, 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visiblePosition(db, scope, c.req.valid("param").id);
    requireAdmin(scope, "delete positions");
    const force = c.req.valid("query").force === "true";
    const removal = await positionRemoval(db, existing.id);
    const blocking = blockers(removal, { positions: existing.id });
    if (isBlocked(blocking) && !force) {
      throw conflict(`${blocking.employees} employee(s) hold ${existing.name}; move them to another position first, or delete with ?force=true.`, blocking);
    }
    await assertAdminRemains(db, removal.employees);
    await commit(db, [
      ...removalStatements(db, removal),
      bumpConfigVersion(db),
      auditStatement(db, "org.position_deleted", actor, null, { positionId: existing.id, name: existing.name, force, removed: removal }),
    ]);
    return c.json(deleteResult(removal), 200);
  });

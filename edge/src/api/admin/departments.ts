import { createRoute } from "@hono/zod-openapi";
import {
  CreateDepartment,
  DeleteQuery,
  DeleteResult,
  Department,
  DepartmentList,
  DepartmentTree,
  IdParam,
  UpdateDepartment,
  type DepartmentNode,
} from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { inScope, notFound, requireAdmin, scopeFilter, scopeOf, type Scope } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure, invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { commit, findDepartment, newId, queryDepartments, unknownReference } from "./org-rows.ts";
import { assertAdminRemains, blockers, conflict, deleteResult, departmentRemoval, departmentSubtree, isBlocked, removalStatements } from "./removal.ts";

const common = { tags: ["organisation"], security: SESSION_SECURITY };
const byId = { params: IdParam };

const list = createRoute({
  ...common,
  method: "get",
  path: "/departments",
  summary: "Departments in the caller's scope, flat",
  responses: { 200: jsonContent(DepartmentList, "Departments, by name"), ...errorResponses(401, 403) },
});

const tree = createRoute({
  ...common,
  method: "get",
  path: "/departments/tree",
  summary: "Departments in the caller's scope, as a tree (a manager's tree is rooted at their department)",
  responses: { 200: jsonContent(DepartmentTree, "Top-level departments of the caller's view with their children"), ...errorResponses(401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/departments",
  summary: "Create a department (admin)",
  request: { body: { content: { "application/json": { schema: CreateDepartment } }, required: true } },
  responses: { 201: jsonContent(Department, "The new department"), ...errorResponses(400, 401, 403) },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/departments/{id}",
  summary: "One department",
  request: byId,
  responses: { 200: jsonContent(Department, "The department"), ...errorResponses(401, 403, 404) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/departments/{id}",
  summary: "Rename, re-parent or change the role name of a department (admin)",
  request: { ...byId, body: { content: { "application/json": { schema: UpdateDepartment } }, required: true } },
  responses: { 200: jsonContent(Department, "The department as changed"), ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/departments/{id}",
  summary: "Delete a department (admin); 409 while it has sub-departments, positions or employees unless ?force=true",
  request: { ...byId, query: DeleteQuery },
  responses: { 200: jsonContent(DeleteResult, "What was deleted"), ...errorResponses(401, 403, 404, 409) },
});

async function visibleDepartment(db: D1Database, scope: Scope, id: string): Promise<Department> {
  const department = await findDepartment(db, id);
  if (!department || !inScope(scope, department.id)) throw notFound("department");
  return department;
}

/** Nests a flat list; a department whose parent is outside the list is a root of the caller's view. */
export function nest(departments: Department[]): DepartmentNode[] {
  const nodes = new Map(departments.map((d) => [d.id, { ...d, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export const departmentRoutes = apiRouter()
  .openapi(list, async (c) => {
    const filter = scopeFilter(await scopeOf(c.env.DB, c.get("user")), "id");
    return c.json({ departments: await queryDepartments(c.env.DB, filter.sql, filter.binds) }, 200);
  })
  .openapi(tree, async (c) => {
    const filter = scopeFilter(await scopeOf(c.env.DB, c.get("user")), "id");
    return c.json({ roots: nest(await queryDepartments(c.env.DB, filter.sql, filter.binds)) }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "create departments");
    const body = c.req.valid("json");
    let roleName = body.roleName;
    if (body.parentId !== null) {
      const parent = await findDepartment(db, body.parentId);
      if (!parent) throw unknownReference("parentId", "department");
      roleName ??= parent.roleName;
    }
    if (!roleName) throw invalidRequest([{ path: "roleName", message: "is required for a top-level department" }]);
    const department: Department = { id: newId("dept"), name: body.name, parentId: body.parentId, roleName };
    await commit(db, [
      db.prepare("INSERT INTO departments (id, name, parent_id, role_name) VALUES (?, ?, ?, ?)").bind(department.id, department.name, department.parentId, department.roleName),
      bumpConfigVersion(db),
      auditStatement(db, "org.department_created", actor, null, { departmentId: department.id, name: department.name, parentId: department.parentId }),
    ]);
    return c.json(department, 201);
  })
  .openapi(read, async (c) => {
    const scope = await scopeOf(c.env.DB, c.get("user"));
    return c.json(await visibleDepartment(c.env.DB, scope, c.req.valid("param").id), 200);
  })
  .openapi(update, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visibleDepartment(db, scope, c.req.valid("param").id);
    requireAdmin(scope, "change departments");
    const body = c.req.valid("json");
    if (body.parentId) {
      if (!(await findDepartment(db, body.parentId))) throw unknownReference("parentId", "department");
      if ((await departmentSubtree(db, existing.id)).includes(body.parentId)) {
        throw new ApiFailure(409, "conflict", "A department cannot move under itself or one of its own sub-departments.");
      }
    }
    const next: Department = { ...existing, ...body };
    await commit(db, [
      db.prepare("UPDATE departments SET name = ?, parent_id = ?, role_name = ? WHERE id = ?").bind(next.name, next.parentId, next.roleName, next.id),
      bumpConfigVersion(db),
      auditStatement(db, "org.department_updated", actor, null, { departmentId: next.id, changed: Object.keys(body), ...(body.parentId !== undefined ? { from: existing.parentId, to: body.parentId } : {}) }),
    ]);
    return c.json(next, 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visibleDepartment(db, scope, c.req.valid("param").id);
    requireAdmin(scope, "delete departments");
    const force = c.req.valid("query").force === "true";
    const removal = await departmentRemoval(db, existing.id);
    const blocking = blockers(removal, { departments: existing.id });
    if (isBlocked(blocking) && !force) {
      throw conflict(`${existing.name} still has sub-departments, positions or employees; move or delete them first, or delete with ?force=true.`, blocking);
    }
    await assertAdminRemains(db, removal.employees);
    await commit(db, [
      ...removalStatements(db, removal),
      bumpConfigVersion(db),
      auditStatement(db, "org.department_deleted", actor, null, { departmentId: existing.id, name: existing.name, force, removed: removal }),
    ]);
    return c.json(deleteResult(removal), 200);
  });

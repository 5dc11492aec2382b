import { createRoute } from "@hono/zod-openapi";
import { CreateEmployee, DeleteResult, Employee, EmployeeCreated, EmployeeList, EmployeeListQuery, IdParam, UpdateEmployee } from "@clawgate/contracts";
import { auditStatement } from "../../audit.ts";
import { hashPassword } from "../../auth/password.ts";
import { inScope, notFound, requireAdmin, scopeFilter, scopeOf, type Scope } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { checkManagerWrite, checkPlacement } from "./employee-rules.ts";
import { commit, findEmployee, newId, queryEmployees } from "./org-rows.ts";
import { provisionAgent } from "./provision.ts";
import { assertAdminRemains, deleteResult, removalStatements, type Removal } from "./removal.ts";
import { DEFAULT_LANGUAGE_SQL } from "../../operations/org-settings.ts";

const common = { tags: ["organisation"], security: SESSION_SECURITY };
const byId = { params: IdParam };

const list = createRoute({
  ...common,
  method: "get",
  path: "/employees",
  summary: "Employees in the caller's scope, by id, a page at a time",
  request: { query: EmployeeListQuery },
  responses: { 200: jsonContent(EmployeeList, "One page of employees"), ...errorResponses(400, 401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/employees",
  summary: "Create an employee and provision their agent (admin; a manager within their subtree, role employee only)",
  request: { body: { content: { "application/json": { schema: CreateEmployee } }, required: true } },
  responses: { 201: jsonContent(EmployeeCreated, "The new employee and whether their agent is ready"), ...errorResponses(400, 401, 403, 409) },
});

const read = createRoute({
  ...common,
  method: "get",
  path: "/employees/{id}",
  summary: "One employee",
  request: byId,
  responses: { 200: jsonContent(Employee, "The employee"), ...errorResponses(401, 403, 404) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/employees/{id}",
  summary: "Change an employee (admin; a manager for employees of their subtree, never role or tags)",
  request: { ...byId, body: { content: { "application/json": { schema: UpdateEmployee } }, required: true } },
  responses: { 200: jsonContent(Employee, "The employee as changed"), ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/employees/{id}",
  summary: "Delete an employee (admin): their sessions end at once",
  request: byId,
  responses: { 200: jsonContent(DeleteResult, "What was deleted"), ...errorResponses(401, 403, 404, 409) },
});

async function visibleEmployee(db: D1Database, scope: Scope, id: string): Promise<Employee> {
  const employee = await findEmployee(db, id);
  if (!employee || !inScope(scope, employee.departmentId)) throw notFound("employee");
  return employee;
}

export const employeeRoutes = apiRouter()
  .openapi(list, async (c) => {
    const { departmentId, positionId, limit, cursor } = c.req.valid("query");
    const filter = scopeFilter(await scopeOf(c.env.DB, c.get("user")), "department_id");
    const where = [filter.sql];
    const binds: unknown[] = [...filter.binds];
    for (const [column, value] of [["department_id", departmentId], ["position_id", positionId]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      binds.push(value);
    }
    if (cursor !== undefined) {
      where.push("id > ?");
      binds.push(cursor);
    }
    const page = await queryEmployees(c.env.DB, where.join(" AND "), binds, limit + 1);
    const more = page.length > limit;
    const employees = page.slice(0, limit);
    return c.json({ employees, nextCursor: more ? employees.at(-1)!.id : null }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const body = c.req.valid("json");
    checkManagerWrite(scope, body);
    await checkPlacement(db, scope, body);
    const id = newId("emp");
    const passwordHash = body.initialPassword ? await hashPassword(body.initialPassword) : null;
    await commit(db, [
      db
        .prepare(
          `INSERT INTO employees (id, name, employee_number, email, position_id, department_id, role, tags, language, ask_about, password_hash, must_change_password, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, ${DEFAULT_LANGUAGE_SQL}), ?, ?, 1, ?)`,
        )
        .bind(id, body.name, body.employeeNumber, body.email, body.positionId, body.departmentId, body.role, JSON.stringify(body.tags), body.language ?? null, body.askAbout, passwordHash, new Date().toISOString()),
      bumpConfigVersion(db),
      auditStatement(db, "org.employee_created", actor, id, { positionId: body.positionId, departmentId: body.departmentId, role: body.role, withPassword: passwordHash !== null }),
    ]);
    const agent = await provisionAgent(c.env, actor, id);
    return c.json({ employee: (await findEmployee(db, id))!, agent }, 201);
  })
  .openapi(read, async (c) => {
    const scope = await scopeOf(c.env.DB, c.get("user"));
    return c.json(await visibleEmployee(c.env.DB, scope, c.req.valid("param").id), 200);
  })
  .openapi(update, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visibleEmployee(db, scope, c.req.valid("param").id);
    const body = c.req.valid("json");
    checkManagerWrite(scope, body, existing);
    await checkPlacement(db, scope, body);
    const next: Employee = { ...existing, ...body };
    const roleChanged = next.role !== existing.role;
    if (roleChanged && existing.role === "admin") await assertAdminRemains(db, [existing.id]);
    await commit(db, [
      db
        .prepare("UPDATE employees SET name = ?, employee_number = ?, email = ?, position_id = ?, department_id = ?, role = ?, tags = ?, language = ?, ask_about = ? WHERE id = ?")
        .bind(next.name, next.employeeNumber, next.email, next.positionId, next.departmentId, next.role, JSON.stringify(next.tags), next.language, next.askAbout, next.id),
      // A role change takes effect at once: sessions carry the old role's rights, so they end.
      ...(roleChanged ? [db.prepare("UPDATE auth_sessions SET revoked_at = ? WHERE employee_id = ? AND revoked_at IS NULL").bind(new Date().toISOString(), next.id)] : []),
      bumpConfigVersion(db),
      auditStatement(db, "org.employee_updated", actor, next.id, { changed: Object.keys(body), ...(roleChanged ? { role: { from: existing.role, to: next.role } } : {}) }),
    ]);
    return c.json(next, 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visibleEmployee(db, scope, c.req.valid("param").id);
    requireAdmin(scope, "delete employees");
    const removal: Removal = { departments: [], positions: [], employees: [existing.id] };
    await assertAdminRemains(db, removal.employees);
    await commit(db, [
      ...removalStatements(db, removal),
      bumpConfigVersion(db),
      auditStatement(db, "org.employee_deleted", actor, existing.id, { name: existing.name, positionId: existing.positionId, departmentId: existing.departmentId }),
    ]);
    return c.json(deleteResult(removal), 200);
  });

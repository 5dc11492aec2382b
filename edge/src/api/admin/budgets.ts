import { createRoute, z } from "@hono/zod-openapi";
import { Budget, BudgetException, BudgetList, BudgetState, CreateBudget, GrantBudgetException, IdParam, UpdateBudget } from "@clawgate/contracts";
import { budgetState } from "@clawgate/durable-objects/turn/budget.ts";
import { auditStatement } from "../../audit.ts";
import { isAdmin, notFound, requireAdmin, scopeOf, type Scope } from "../../auth/scope.ts";
import { ApiFailure, invalidRequest } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { findBudget, findBudgetException, GLOBAL_SCOPE_ID, listBudgetExceptions, listBudgets, newBudgetId, newExceptionId } from "../../governance/budget-rows.ts";
import { commitOrConflict } from "../../governance/commit.ts";
import { assertEmployeeVisible } from "../../governance/scoped-lookups.ts";

/**
 * Monthly budgets (a per-employee limit set globally, for a department subtree or for one
 * employee; the most specific applies) and admins' exceptions. Admins change them; managers read
 * those bearing on their people. Every change is audited. Budgets are not part of the workspace
 * plan, so no change bumps the configuration version: the turn path reads the state per turn.
 */
const common = { tags: ["usage"], security: SESSION_SECURITY };
const MAX_EXCEPTION_MS = 366 * 24 * 3_600_000;
const ONE_PER_SCOPE = { "budgets.scope, budgets.scope_id": "This scope already has a budget; change that one instead." };

const list = createRoute({
  ...common,
  method: "get",
  path: "/budgets",
  summary: "Budgets and exceptions bearing on the caller's people",
  responses: { 200: jsonContent(BudgetList, "Budgets and exceptions"), ...errorResponses(401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/budgets",
  summary: "Set a monthly budget for everyone, a department subtree or one employee (admin)",
  request: { body: { content: { "application/json": { schema: CreateBudget } }, required: true } },
  responses: { 201: jsonContent(Budget, "The new budget"), ...errorResponses(400, 401, 403, 409) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/budgets/{id}",
  summary: "Change a budget's monthly limit (admin)",
  request: { params: IdParam, body: { content: { "application/json": { schema: UpdateBudget } }, required: true } },
  responses: { 200: jsonContent(Budget, "The budget as changed"), ...errorResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/budgets/{id}",
  summary: "Delete a budget (admin): the next less specific one applies",
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ deleted: z.string() }), "What was deleted"), ...errorResponses(401, 403, 404) },
});

const grant = createRoute({
  ...common,
  method: "post",
  path: "/budgets/exceptions",
  summary: "Let an employee keep working past their budget until a time (admin)",
  request: { body: { content: { "application/json": { schema: GrantBudgetException } }, required: true } },
  responses: { 201: jsonContent(BudgetException, "The exception"), ...errorResponses(400, 401, 403) },
});

const revoke = createRoute({
  ...common,
  method: "delete",
  path: "/budgets/exceptions/{id}",
  summary: "Revoke an exception before it expires (admin)",
  request: { params: IdParam },
  responses: { 200: jsonContent(BudgetException, "The exception, revoked"), ...errorResponses(401, 403, 404, 409) },
});

const state = createRoute({
  ...common,
  method: "get",
  path: "/budgets/employees/{id}",
  summary: "Where an employee stands against their budget this month",
  request: { params: IdParam },
  responses: { 200: jsonContent(BudgetState, "The employee's budget state"), ...errorResponses(401, 403, 404) },
});

/** A budget's target must exist; referring to one outside the caller's scope reads the same (400). */
async function checkTarget(db: D1Database, body: CreateBudget): Promise<string> {
  if (body.scope === "global") return GLOBAL_SCOPE_ID;
  const table = body.scope === "department" ? "departments" : "employees";
  const row = await db.prepare(`SELECT id FROM ${table} WHERE id = ?`).bind(body.scopeId).first<{ id: string }>();
  if (!row) throw invalidRequest([{ path: "scopeId", message: `no such ${body.scope}` }]);
  return row.id;
}

/** A budget the caller may see: for a manager, those bearing on their people. */
async function visibleBudget(db: D1Database, scope: Scope, id: string): Promise<Budget> {
  const budget = await findBudget(db, id);
  const visible = budget && (isAdmin(scope) || (await listBudgets(db, scope)).some((b) => b.id === budget.id));
  if (!budget || !visible) throw notFound("budget");
  return budget;
}

export const budgetRoutes = apiRouter()
  .openapi(list, async (c) => {
    const scope = await scopeOf(c.env.DB, c.get("user"));
    const [budgets, exceptions] = await Promise.all([listBudgets(c.env.DB, scope), listBudgetExceptions(c.env.DB, scope)]);
    return c.json({ budgets, exceptions }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "set budgets");
    const body = c.req.valid("json");
    const scopeId = await checkTarget(db, body);
    const id = newBudgetId();
    const now = new Date().toISOString();
    await commitOrConflict(
      db,
      [
        db
          .prepare("INSERT INTO budgets (id, scope, scope_id, monthly_limit_usd, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .bind(id, body.scope, scopeId, body.monthlyLimitUsd, now, now, actor),
        auditStatement(db, "budget.created", actor, body.scope === "employee" ? scopeId : null, { budgetId: id, scope: body.scope, scopeId, monthlyLimitUsd: body.monthlyLimitUsd }),
      ],
      ONE_PER_SCOPE,
    );
    return c.json((await findBudget(db, id))!, 201);
  })
  .openapi(update, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visibleBudget(db, scope, c.req.valid("param").id);
    requireAdmin(scope, "change budgets");
    const { monthlyLimitUsd } = c.req.valid("json");
    await db.batch([
      db.prepare("UPDATE budgets SET monthly_limit_usd = ?, updated_at = ?, updated_by = ? WHERE id = ?").bind(monthlyLimitUsd, new Date().toISOString(), actor, existing.id),
      auditStatement(db, "budget.updated", actor, existing.scope === "employee" ? existing.scopeId : null, {
        budgetId: existing.id,
        scope: existing.scope,
        scopeId: existing.scopeId,
        monthlyLimitUsd: { from: existing.monthlyLimitUsd, to: monthlyLimitUsd },
      }),
    ]);
    return c.json((await findBudget(db, existing.id))!, 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await visibleBudget(db, scope, c.req.valid("param").id);
    requireAdmin(scope, "delete budgets");
    await db.batch([
      db.prepare("DELETE FROM budgets WHERE id = ?").bind(existing.id),
      auditStatement(db, "budget.deleted", actor, existing.scope === "employee" ? existing.scopeId : null, {
        budgetId: existing.id,
        scope: existing.scope,
        scopeId: existing.scopeId,
        monthlyLimitUsd: existing.monthlyLimitUsd,
      }),
    ]);
    return c.json({ deleted: existing.id }, 200);
  })
  .openapi(grant, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    requireAdmin(scope, "grant budget exceptions");
    const body = c.req.valid("json");
    const employee = await db.prepare("SELECT id FROM employees WHERE id = ?").bind(body.employeeId).first<{ id: string }>();
    if (!employee) throw invalidRequest([{ path: "employeeId", message: "no such employee" }]);
    const now = new Date();
    const expires = new Date(body.expiresAt).getTime();
    if (expires <= now.getTime()) throw invalidRequest([{ path: "expiresAt", message: "must be in the future" }]);
    if (expires - now.getTime() > MAX_EXCEPTION_MS) throw invalidRequest([{ path: "expiresAt", message: "must be at most a year ahead" }]);
    const id = newExceptionId();
    await db.batch([
      db
        .prepare("INSERT INTO budget_exceptions (id, employee_id, reason, granted_by, granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(id, body.employeeId, body.reason, actor, now.toISOString(), body.expiresAt),
      auditStatement(db, "budget.exception_granted", actor, body.employeeId, { exceptionId: id, expiresAt: body.expiresAt, reason: body.reason }),
    ]);
    return c.json((await findBudgetException(db, id))!, 201);
  })
  .openapi(revoke, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    const scope = await scopeOf(db, c.get("user"));
    const existing = await findBudgetException(db, c.req.valid("param").id);
    if (!existing) throw notFound("budget exception");
    await assertEmployeeVisible(db, scope, existing.employeeId).catch(() => {
      throw notFound("budget exception");
    });
    requireAdmin(scope, "revoke budget exceptions");
    if (existing.revokedAt) throw new ApiFailure(409, "conflict", "This exception is already revoked.");
    await db.batch([
      db.prepare("UPDATE budget_exceptions SET revoked_at = ?, revoked_by = ? WHERE id = ?").bind(new Date().toISOString(), actor, existing.id),
      auditStatement(db, "budget.exception_revoked", actor, existing.employeeId, { exceptionId: existing.id, expiresAt: existing.expiresAt }),
    ]);
    return c.json((await findBudgetException(db, existing.id))!, 200);
  })
  .openapi(state, async (c) => {
    const db = c.env.DB;
    const { id } = c.req.valid("param");
    const scope = await scopeOf(db, c.get("user"));
    await assertEmployeeVisible(db, scope, id);
    const exists = await db.prepare("SELECT id FROM employees WHERE id = ?").bind(id).first();
    if (!exists) throw notFound("employee");
    return c.json(await budgetState(db, id), 200);
  });

import { createRoute } from "@hono/zod-openapi";
import { EmployeeAgentConfig, IdParam, PositionAgentConfig, UpdateAgentConfig, type AgentConfigOverrides, type EffectiveAgentConfig, type Employee, type Position } from "@clawgate/contracts";
import { effectiveAgentConfig, findModel, NO_OVERRIDES, overridesOf, resolveAgentConfig } from "@clawgate/durable-objects/turn/agent-config.ts";
import { auditStatement } from "../../audit.ts";
import { scopeOf, type Scope } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { invalidRequest, type ValidationIssue } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { employeeTarget, mayChangeEmployee, mayChangePosition, positionTarget } from "./agent-config-targets.ts";
import { commit } from "./org-rows.ts";

/**
 * Model settings per position and per employee (model, max tokens, context window, compaction,
 * response language). Employee overrides win over position overrides win over the defaults; the
 * employee view says where each effective value comes from (durable-objects/src/turn/agent-config.ts,
 * the same code the plan builder runs).
 */
const common = { tags: ["agent configuration"], security: SESSION_SECURITY };
const body = { body: { content: { "application/json": { schema: UpdateAgentConfig } }, required: true } };

const readPosition = createRoute({
  ...common,
  method: "get",
  path: "/positions/{id}/agent-config",
  summary: "The position's model settings overrides and how many agents hold the position",
  request: { params: IdParam },
  responses: { 200: jsonContent(PositionAgentConfig, "The position's overrides"), ...errorResponses(401, 403, 404) },
});

const changePosition = createRoute({
  ...common,
  method: "patch",
  path: "/positions/{id}/agent-config",
  summary: "Set (a value) or clear (null) model settings of a position (admin; a manager for positions of their subtree)",
  request: { params: IdParam, ...body },
  responses: { 200: jsonContent(PositionAgentConfig, "The position's overrides as changed"), ...errorResponses(400, 401, 403, 404) },
});

const readEmployee = createRoute({
  ...common,
  method: "get",
  path: "/employees/{id}/agent-config",
  summary: "The employee's effective model settings, where each comes from, and both levels' overrides",
  request: { params: IdParam },
  responses: { 200: jsonContent(EmployeeAgentConfig, "The employee's agent configuration"), ...errorResponses(401, 403, 404) },
});

const changeEmployee = createRoute({
  ...common,
  method: "patch",
  path: "/employees/{id}/agent-config",
  summary: "Set (a value) or clear (null) model settings of one employee (admin; a manager for employees of their subtree)",
  request: { params: IdParam, ...body },
  responses: { 200: jsonContent(EmployeeAgentConfig, "The employee's agent configuration as changed"), ...errorResponses(400, 401, 403, 404) },
});

type Level = { level: "position"; id: string } | { level: "employee"; id: string };

const merge = (existing: AgentConfigOverrides, change: UpdateAgentConfig): AgentConfigOverrides => ({ ...existing, ...change });

/**
 * The settings a level ends up with must fit the model they run with: a model of the list, no more
 * output tokens than it produces, no larger context window than it has, and room in the window
 * for the answer. Defaults are capped at the model's limits rather than refused, and only what the
 * change touches is judged, so an edit is never refused for a value set elsewhere (the plan caps
 * those too).
 */
async function checkSettings(db: D1Database, effective: EffectiveAgentConfig, change: UpdateAgentConfig): Promise<void> {
  const touched = (field: keyof UpdateAgentConfig) => field in change || "model" in change;
  const issues: ValidationIssue[] = [];
  const modelId = effective.model.value;
  const model = modelId ? await findModel(db, modelId) : null;
  if (modelId && !model) issues.push({ path: "model", message: `not an available model: ${modelId} (see GET /api/admin/models)` });
  const capped = (setting: { value: number; source: string }, limit: number | undefined) => (setting.source === "default" && limit ? Math.min(setting.value, limit) : setting.value);
  const maxTokens = capped(effective.maxTokens, model?.maxOutputTokens);
  const contextWindow = capped(effective.contextWindow, model?.contextWindow);
  if (model && maxTokens > model.maxOutputTokens && touched("maxTokens")) issues.push({ path: "maxTokens", message: `${model.name} produces at most ${model.maxOutputTokens} output tokens` });
  if (model && contextWindow > model.contextWindow && touched("contextWindow")) issues.push({ path: "contextWindow", message: `${model.name} has a context window of ${model.contextWindow} tokens` });
  if (maxTokens >= contextWindow && (touched("maxTokens") || touched("contextWindow"))) {
    issues.push({ path: "maxTokens" in change ? "maxTokens" : "contextWindow", message: `max tokens (${maxTokens}) must be smaller than the context window (${contextWindow})` });
  }
  if (issues.length) throw invalidRequest(issues);
}

function overrideStatement(db: D1Database, target: Level, next: AgentConfigOverrides, actor: string): D1PreparedStatement {
  const column = target.level === "position" ? "position_id" : "employee_id";
  if (Object.values(next).every((v) => v === null)) return db.prepare(`DELETE FROM agent_config_overrides WHERE ${column} = ?`).bind(target.id);
  return db
    .prepare(
      `INSERT INTO agent_config_overrides (${column}, model_id, max_tokens, context_window, compaction, language, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(${column}) DO UPDATE SET model_id = excluded.model_id, max_tokens = excluded.max_tokens, context_window = excluded.context_window,
         compaction = excluded.compaction, language = excluded.language, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .bind(target.id, next.model, next.maxTokens, next.contextWindow, next.compaction, next.language, new Date().toISOString(), actor);
}

/** One change of one level: the overrides, the configuration version and the audit event together. */
async function saveOverrides(db: D1Database, target: Level, next: AgentConfigOverrides, change: UpdateAgentConfig, actor: string): Promise<void> {
  await commit(db, [
    overrideStatement(db, target, next, actor),
    bumpConfigVersion(db),
    auditStatement(db, "config.changed", actor, target.level === "employee" ? target.id : null, {
      area: "agent_config",
      level: target.level,
      [target.level === "position" ? "positionId" : "employeeId"]: target.id,
      set: change,
    }),
  ]);
}

async function holders(db: D1Database, positionId: string): Promise<number> {
  return (await db.prepare("SELECT COUNT(*) AS n FROM employees WHERE position_id = ?").bind(positionId).first<{ n: number }>())?.n ?? 0;
}

async function employeeView(db: D1Database, scope: Scope, employee: Employee) {
  const [overrides, positionOverrides, effective] = await Promise.all([
    overridesOf(db, "employee", employee.id),
    overridesOf(db, "position", employee.positionId),
    effectiveAgentConfig(db, employee),
  ]);
  return { employeeId: employee.id, positionId: employee.positionId, overrides, positionOverrides, effective, canEdit: mayChangeEmployee(scope, employee) };
}

async function positionView(db: D1Database, scope: Scope, position: Position, overrides?: AgentConfigOverrides) {
  return {
    positionId: position.id,
    overrides: overrides ?? (await overridesOf(db, "position", position.id)),
    affectedAgents: await holders(db, position.id),
    canEdit: mayChangePosition(scope, position),
  };
}

export const agentConfigRoutes = apiRouter()
  .openapi(readPosition, async (c) => {
    const scope = await scopeOf(c.env.DB, c.get("user"));
    const position = await positionTarget(c.env.DB, scope, c.req.valid("param").id, "read");
    return c.json(await positionView(c.env.DB, scope, position), 200);
  })
  .openapi(changePosition, async (c) => {
    const db = c.env.DB;
    const scope = await scopeOf(db, c.get("user"));
    const position = await positionTarget(db, scope, c.req.valid("param").id, "change");
    const change = c.req.valid("json");
    const next = merge(await overridesOf(db, "position", position.id), change);
    // Judged as the position's holders without overrides of their own would run it (uncapped: model null).
    await checkSettings(db, resolveAgentConfig({ position: next, employee: NO_OVERRIDES, profileLanguage: "en", model: null }), change);
    await saveOverrides(db, { level: "position", id: position.id }, next, change, c.get("user").employeeId);
    return c.json(await positionView(db, scope, position, next), 200);
  })
  .openapi(readEmployee, async (c) => {
    const scope = await scopeOf(c.env.DB, c.get("user"));
    const employee = await employeeTarget(c.env.DB, scope, c.req.valid("param").id, "read");
    return c.json(await employeeView(c.env.DB, scope, employee), 200);
  })
  .openapi(changeEmployee, async (c) => {
    const db = c.env.DB;
    const scope = await scopeOf(db, c.get("user"));
    const employee = await employeeTarget(db, scope, c.req.valid("param").id, "change");
    const change = c.req.valid("json");
    const next = merge(await overridesOf(db, "employee", employee.id), change);
    const position = await overridesOf(db, "position", employee.positionId);
    await checkSettings(db, resolveAgentConfig({ position, employee: next, profileLanguage: employee.language, model: null }), change);
    await saveOverrides(db, { level: "employee", id: employee.id }, next, change, c.get("user").employeeId);
    return c.json(await employeeView(db, scope, employee), 200);
  });

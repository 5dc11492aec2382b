import { createRoute, z } from "@hono/zod-openapi";
import { CreateModel, Model, ModelIdParam, ModelList } from "@clawgate/contracts";
import { modelPrice } from "@clawgate/durable-objects/turn/pricing.ts";
import { auditStatement } from "../../audit.ts";
import { requireAdmin, scopeOf } from "../../auth/scope.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { commit } from "./org-rows.ts";

/**
 * The available models: what agent configuration may name. Each is shown with the price its usage
 * is billed at (model prices, /api/admin/pricing); a model no price matches says so (`priced`
 * false) instead of borrowing another model's price.
 */
const common = { tags: ["agent configuration"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/models",
  summary: "Models agents may be configured with, with their limits and pricing",
  responses: { 200: jsonContent(ModelList, "The available models, by provider and name"), ...errorResponses(401, 403) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/models",
  summary: "Make a model available (admin), e.g. one served by an OpenAI-compatible endpoint",
  request: { body: { content: { "application/json": { schema: CreateModel } }, required: true } },
  responses: { 201: jsonContent(Model, "The model"), ...errorResponses(400, 401, 403, 409) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/models/{id}",
  summary: "Withdraw a model (admin); 409 while a position or employee is configured with it",
  request: { params: ModelIdParam },
  responses: { 200: jsonContent(z.object({ deleted: z.string() }), "The model was withdrawn"), ...errorResponses(401, 403, 404, 409) },
});

interface ModelRow {
  id: string;
  provider: Model["provider"];
  name: string;
  context_window: number;
  max_output_tokens: number;
}

async function toModel(db: D1Database, row: ModelRow): Promise<Model> {
  const price = await modelPrice(db, row.id);
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    contextWindow: row.context_window,
    maxOutputTokens: row.max_output_tokens,
    pricing: price ? { inputPerMTokUsd: price.input_usd_per_mtok, outputPerMTokUsd: price.output_usd_per_mtok } : null,
    priced: price !== null,
    priceId: price?.id ?? null,
  };
}

export const modelRoutes = apiRouter()
  .openapi(list, async (c) => {
    const rows = await c.env.DB.prepare("SELECT id, provider, name, context_window, max_output_tokens FROM models ORDER BY provider, name, id").all<ModelRow>();
    return c.json({ models: await Promise.all(rows.results.map((r) => toModel(c.env.DB, r))) }, 200);
  })
  .openapi(create, async (c) => {
    const db = c.env.DB;
    requireAdmin(await scopeOf(db, c.get("user")), "add models");
    const body = c.req.valid("json");
    if (await db.prepare("SELECT 1 FROM models WHERE id = ?").bind(body.id).first()) throw new ApiFailure(409, "conflict", `${body.id} is already available.`);
    const actor = c.get("user").employeeId;
    await commit(db, [
      db
        .prepare("INSERT INTO models (id, provider, name, context_window, max_output_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(body.id, body.provider, body.name, body.contextWindow, body.maxOutputTokens, new Date().toISOString()),
      bumpConfigVersion(db),
      auditStatement(db, "config.changed", actor, null, { area: "models", action: "added", modelId: body.id, provider: body.provider }),
    ]);
    return c.json(await toModel(db, { id: body.id, provider: body.provider, name: body.name, context_window: body.contextWindow, max_output_tokens: body.maxOutputTokens }), 201);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    requireAdmin(await scopeOf(db, c.get("user")), "withdraw models");
    const { id } = c.req.valid("param");
    if (!(await db.prepare("SELECT 1 FROM models WHERE id = ?").bind(id).first())) throw new ApiFailure(404, "not_found", "No such model.");
    const users = await db.prepare("SELECT COUNT(position_id) AS positions, COUNT(employee_id) AS employees FROM agent_config_overrides WHERE model_id = ?").bind(id).first<{ positions: number; employees: number }>();
    if (users && users.positions + users.employees > 0) {
      throw new ApiFailure(409, "conflict", `${users.positions} position(s) and ${users.employees} employee(s) are configured with ${id}; configure them with another model first.`, {
        blockers: { positions: users.positions, employees: users.employees, departments: 0 },
      });
    }
    await commit(db, [
      db.prepare("DELETE FROM models WHERE id = ?").bind(id),
      bumpConfigVersion(db),
      auditStatement(db, "config.changed", c.get("user").employeeId, null, { area: "models", action: "withdrawn", modelId: id }),
    ]);
    return c.json({ deleted: id }, 200);
  });

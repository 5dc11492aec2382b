import { createRoute, z } from "@hono/zod-openapi";
import { ModelPrice, PriceIdParam, PriceList, PriceListQuery, PutModelPrice } from "@clawgate/contracts";
import { listPrices, modelPrice, type PriceRow } from "@clawgate/durable-objects/turn/pricing.ts";
import { auditStatement } from "../../audit.ts";
import { notFound, requireAdmin, scopeOf } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { commitOrConflict } from "../../governance/commit.ts";

/**
 * The model price table. Turns are priced when their usage row is written, at the price then in
 * force, so an edit applies to later turns and never rewrites earlier costs. A model no pattern
 * matches is billed as unknown (cost null). Admins edit; managers read.
 */
const common = { tags: ["usage"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/pricing",
  summary: "Model prices (USD per million tokens); with ?model= also which price that model id is billed at",
  request: { query: PriceListQuery },
  responses: { 200: jsonContent(PriceList, "The price table"), ...errorResponses(400, 401, 403) },
});

const put = createRoute({
  ...common,
  method: "put",
  path: "/pricing/{id}",
  summary: "Create or replace a model price (admin); applies to turns written from now on",
  request: { params: PriceIdParam, body: { content: { "application/json": { schema: PutModelPrice } }, required: true } },
  responses: { 200: jsonContent(ModelPrice, "The price as stored"), ...errorResponses(400, 401, 403, 409) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/pricing/{id}",
  summary: "Delete a model price (admin): models it priced become unknown, not another model's price",
  request: { params: PriceIdParam },
  responses: { 200: jsonContent(z.object({ deleted: z.string() }), "What was deleted"), ...errorResponses(401, 403, 404) },
});

const toModelPrice = (r: PriceRow): ModelPrice => ({
  id: r.id,
  name: r.name,
  pattern: r.pattern,
  inputUsdPerMTok: r.input_usd_per_mtok,
  outputUsdPerMTok: r.output_usd_per_mtok,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/** What an audit keeps of a price: the terms, not the bookkeeping. */
const terms = (p: Pick<ModelPrice, "pattern" | "inputUsdPerMTok" | "outputUsdPerMTok">) => ({ pattern: p.pattern, inputUsdPerMTok: p.inputUsdPerMTok, outputUsdPerMTok: p.outputUsdPerMTok });

const PATTERN_TAKEN = { "model_prices.pattern": "Another model price already has this pattern." };

export const pricingRoutes = apiRouter()
  .openapi(list, async (c) => {
    const { model } = c.req.valid("query");
    const prices = (await listPrices(c.env.DB)).map(toModelPrice);
    if (model === undefined) return c.json({ prices }, 200);
    return c.json({ prices, resolved: { model, priceId: (await modelPrice(c.env.DB, model))?.id ?? null } }, 200);
  })
  .openapi(put, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "change model prices");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const before = await db.prepare("SELECT * FROM model_prices WHERE id = ?").bind(id).first<PriceRow>();
    await commitOrConflict(db, [
      db
        .prepare(
          `INSERT INTO model_prices (id, name, pattern, input_usd_per_mtok, output_usd_per_mtok, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, pattern = excluded.pattern, input_usd_per_mtok = excluded.input_usd_per_mtok,
             output_usd_per_mtok = excluded.output_usd_per_mtok, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .bind(id, body.name, body.pattern, body.inputUsdPerMTok, body.outputUsdPerMTok, new Date().toISOString(), actor),
      auditStatement(db, "config.changed", actor, null, { area: "pricing", priceId: id, from: before ? terms(toModelPrice(before)) : null, to: terms(body) }),
    ], PATTERN_TAKEN);
    const stored = await db.prepare("SELECT * FROM model_prices WHERE id = ?").bind(id).first<PriceRow>();
    return c.json(toModelPrice(stored!), 200);
  })
  .openapi(remove, async (c) => {
    const db = c.env.DB;
    const actor = c.get("user").employeeId;
    requireAdmin(await scopeOf(db, c.get("user")), "delete model prices");
    const { id } = c.req.valid("param");
    const before = await db.prepare("SELECT * FROM model_prices WHERE id = ?").bind(id).first<PriceRow>();
    if (!before) throw notFound("model price");
    await db.batch([
      db.prepare("DELETE FROM model_prices WHERE id = ?").bind(id),
      auditStatement(db, "config.changed", actor, null, { area: "pricing", priceId: id, from: terms(toModelPrice(before)), to: null }),
    ]);
    return c.json({ deleted: id }, 200);
  });

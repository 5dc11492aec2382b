import { createRoute } from "@hono/zod-openapi";
import { IdParam, RevertSoul, SoulChange, SoulDiff, SoulDiffQuery, SoulHistory, SoulLayer, SoulReadQuery, UpdateSoul } from "@clawgate/contracts";
import type { Context } from "hono";
import type { AppEnv } from "../../auth/middleware.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { layerDiff } from "../../soul/diff.ts";
import { layerHistory, readLayer, versionText, writeLayer, type LayerRef } from "../../soul/layers.ts";
import type { Access } from "./agent-config-targets.ts";

export interface SoulSurface {
  /** Route path of the layer, e.g. `/positions/{id}/soul`; `{id}` is validated as an id. */
  path: string;
  tag: string;
  /** Which layer the request addresses, after checking the caller may read or change it (404/403 otherwise). */
  resolve: (c: Context<AppEnv>, access: Access) => Promise<LayerRef>;
  /** Who may change it, for the summaries. */
  changers: string;
}

/**
 * The five SOUL editor operations of one layer: read (latest or `?version=`, with the number of
 * agents a change reaches), history, diff, update with optimistic concurrency, and revert.
 */
export function soulLayerRoutes(surface: SoulSurface) {
  const common = { tags: [surface.tag], security: SESSION_SECURITY };
  const params = surface.path.includes("{id}") ? { params: IdParam } : {};
  const json = <T>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });

  const read = createRoute({
    ...common,
    method: "get",
    path: surface.path,
    summary: "The layer's latest text (or `?version=`), its version and how many agents a change reaches",
    request: { ...params, query: SoulReadQuery },
    responses: { 200: jsonContent(SoulLayer, "The layer"), ...errorResponses(400, 401, 403, 404) },
  });
  const history = createRoute({
    ...common,
    method: "get",
    path: `${surface.path}/versions`,
    summary: "Every version of the layer, newest first: who, when, SHA-256 and size",
    request: params,
    responses: { 200: jsonContent(SoulHistory, "The versions"), ...errorResponses(401, 403, 404) },
  });
  const diff = createRoute({
    ...common,
    method: "get",
    path: `${surface.path}/diff`,
    summary: "A unified line diff between two versions (default: the latest change)",
    request: { ...params, query: SoulDiffQuery },
    responses: { 200: jsonContent(SoulDiff, "The diff"), ...errorResponses(400, 401, 403, 404) },
  });
  const update = createRoute({
    ...common,
    method: "put",
    path: surface.path,
    summary: `Save a new version (${surface.changers}); 409 with \`error.currentVersion\` when baseVersion is stale`,
    request: { ...params, ...json(UpdateSoul) },
    responses: { 200: jsonContent(SoulChange, "The change and the agents it reaches"), ...errorResponses(400, 401, 403, 404, 409) },
  });
  const revert = createRoute({
    ...common,
    method: "post",
    path: `${surface.path}/revert`,
    summary: `Make an earlier version's text the latest, as a new version (${surface.changers})`,
    request: { ...params, ...json(RevertSoul) },
    responses: { 200: jsonContent(SoulChange, "The change and the agents it reaches"), ...errorResponses(400, 401, 403, 404, 409) },
  });

  return apiRouter()
    .openapi(read, async (c) => c.json(await readLayer(c.env, await surface.resolve(c, "read"), c.req.valid("query").version), 200))
    .openapi(history, async (c) => c.json(await layerHistory(c.env, await surface.resolve(c, "read")), 200))
    .openapi(diff, async (c) => c.json(await layerDiff(c.env, await surface.resolve(c, "read"), c.req.valid("query")), 200))
    .openapi(update, async (c) => {
      const ref = await surface.resolve(c, "change");
      const { text, baseVersion } = c.req.valid("json");
      return c.json(await writeLayer(c.env, ref, { text, baseVersion, actor: c.get("user").employeeId }), 200);
    })
    .openapi(revert, async (c) => {
      const ref = await surface.resolve(c, "change");
      const { version, baseVersion } = c.req.valid("json");
      const text = await versionText(c.env, ref, version);
      return c.json(await writeLayer(c.env, ref, { text, baseVersion, actor: c.get("user").employeeId, revertedTo: version }), 200);
    });
}

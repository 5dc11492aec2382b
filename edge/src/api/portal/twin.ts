import { createRoute, z } from "@hono/zod-openapi";
import { TwinConversation, TwinLink, TwinStatus } from "@clawgate/contracts";
import type { TwinTurnEntry } from "@clawgate/durable-objects";
import { auditStatement } from "../../audit.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { readOrgSettings } from "../../operations/org-settings.ts";
import { newTwinToken, twinTokenHash } from "../../twin/token.ts";
import { disableStatement, setTokenStatement, twinStatus } from "../../twin/twin-rows.ts";

/**
 * The caller's own digital twin: a public link to their agent (DESIGN §4–6). The token is shown
 * once, when made; only its hash is stored, so GET never returns it. Every route acts on the
 * caller's own twin, never on an id from the request.
 */
const common = { tags: ["portal"], security: SESSION_SECURITY };

const status = createRoute({
  ...common,
  method: "get",
  path: "/twin",
  summary: "Whether your twin is on, since when, and its view and chat counts (never the link's token)",
  responses: { 200: jsonContent(TwinStatus, "Your twin"), ...errorResponses(401) },
});

const enable = createRoute({
  ...common,
  method: "post",
  path: "/twin",
  summary: "Switch your twin on: returns its public link, once",
  responses: { 201: jsonContent(TwinLink, "The twin is on; keep the link, it is not shown again"), ...errorResponses(401, 403, 409) },
});

const regenerate = createRoute({
  ...common,
  method: "post",
  path: "/twin/regenerate",
  summary: "A new link for your twin; the old one answers 404 from now on",
  responses: { 201: jsonContent(TwinLink, "The new link, shown once"), ...errorResponses(401, 403, 409) },
});

const disable = createRoute({
  ...common,
  method: "delete",
  path: "/twin",
  summary: "Switch your twin off: its link answers 404 from the next request",
  responses: { 200: jsonContent(TwinStatus, "Your twin, off"), ...errorResponses(401) },
});

const conversations = createRoute({
  ...common,
  method: "get",
  path: "/twin/conversations",
  summary: "What visitors asked your twin and what it answered, per visitor, newest visitor first",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }) },
  responses: { 200: jsonContent(z.object({ conversations: z.array(TwinConversation) }), "The twin's latest turns, grouped by visitor"), ...errorResponses(400, 401) },
});

async function issueLink(c: { env: { DB: D1Database }; req: { url: string } }, employeeId: string, type: "twin.enabled" | "twin.regenerated"): Promise<TwinLink> {
  if (!(await readOrgSettings(c.env.DB)).twinsEnabled) throw new ApiFailure(403, "twins_disabled", "Digital twins are switched off for the whole organisation by an admin.");
  const token = newTwinToken();
  const db = c.env.DB;
  await db.batch([setTokenStatement(db, employeeId, await twinTokenHash(token), new Date().toISOString()), auditStatement(db, type, employeeId, employeeId)]);
  return { ...(await twinStatus(db, employeeId)), url: new URL(`/twin/${token}`, c.req.url).href };
}

/** Turns, oldest first, into conversations per visitor, the most recently active visitor first. */
function byVisitor(entries: TwinTurnEntry[]): TwinConversation[] {
  const grouped = new Map<string, TwinConversation>();
  for (const { visitor, turnId, message, reply, status: state, at } of entries) {
    const conversation = grouped.get(visitor) ?? { visitor, exchanges: [] };
    conversation.exchanges.push({ turnId, message, reply, status: state, at });
    grouped.delete(visitor);
    grouped.set(visitor, conversation);
  }
  return [...grouped.values()].reverse();
}

export const twinPortalRoutes = apiRouter()
  .openapi(status, async (c) => c.json(await twinStatus(c.env.DB, c.get("user").employeeId), 200))
  .openapi(enable, async (c) => {
    const { employeeId } = c.get("user");
    if ((await twinStatus(c.env.DB, employeeId)).enabled) throw new ApiFailure(409, "twin_enabled", "Your twin is already on; regenerate its link to get a new one.");
    return c.json(await issueLink(c, employeeId, "twin.enabled"), 201);
  })
  .openapi(regenerate, async (c) => {
    const { employeeId } = c.get("user");
    if (!(await twinStatus(c.env.DB, employeeId)).enabled) throw new ApiFailure(409, "twin_disabled", "Your twin is off; switch it on to get a link.");
    return c.json(await issueLink(c, employeeId, "twin.regenerated"), 201);
  })
  .openapi(disable, async (c) => {
    const { employeeId } = c.get("user");
    const db = c.env.DB;
    const wasOn = (await twinStatus(db, employeeId)).enabled;
    // Switching off an already-off twin changes nothing, so it is not audited again.
    await db.batch([disableStatement(db, employeeId), ...(wasOn ? [auditStatement(db, "twin.disabled", employeeId, employeeId)] : [])]);
    return c.json(await twinStatus(db, employeeId), 200);
  })
  .openapi(conversations, async (c) => {
    const { limit } = c.req.valid("query");
    const entries = (await c.env.EMPLOYEE_AGENT.getByName(c.get("user").employeeId).twinConversations(limit)) as TwinTurnEntry[];
    return c.json({ conversations: byVisitor(entries) }, 200);
  });

import { createRoute, z } from "@hono/zod-openapi";
import { AdminChannelBinding, ChannelName, ChannelSettings } from "@clawgate/contracts";
import { identityName, type Env } from "@clawgate/durable-objects";
import { auditStatement } from "../../audit.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { notFound, requireAdmin, scopeFilter, scopeOf } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { channelSettings } from "./channels-settings.ts";

const common = { tags: ["channels"], security: SESSION_SECURITY };
const ChannelParam = z.object({ channel: ChannelName });

const settings = createRoute({
  ...common,
  method: "get",
  path: "/channels",
  summary: "The company bots: configured or not, non-secret settings, which secrets are set (never their values), paired accounts (admin)",
  responses: { 200: jsonContent(z.object({ channels: z.array(ChannelSettings) }), "One entry per IM platform"), ...errorResponses(401, 403) },
});

const list = createRoute({
  ...common,
  method: "get",
  path: "/channels/{channel}/bindings",
  summary: "Paired accounts of one channel with pairing date, last activity and message count (managers: their subtree)",
  request: { params: ChannelParam },
  responses: { 200: jsonContent(z.object({ bindings: z.array(AdminChannelBinding) }), "The paired accounts in scope"), ...errorResponses(400, 401, 403) },
});

const disconnectOne = createRoute({
  ...common,
  method: "delete",
  path: "/channels/{channel}/bindings/{id}",
  summary: "Disconnect one paired account (admin); its next message gets the pairing instructions",
  request: { params: ChannelParam.extend({ id: z.string().min(1).max(64) }) },
  responses: { 204: { description: "Disconnected" }, ...errorResponses(400, 401, 403, 404) },
});

const disconnectAll = createRoute({
  ...common,
  method: "delete",
  path: "/channels/{channel}/bindings",
  summary: "Disconnect every paired account of a channel (admin)",
  request: { params: ChannelParam },
  responses: { 200: jsonContent(z.object({ disconnected: z.number().int() }), "How many accounts were disconnected"), ...errorResponses(400, 401, 403) },
});

interface BindingRow {
  id: string;
  channel: ChannelName;
  platform_user_id: string;
  employee_id: string;
  employee_name: string;
  paired_at: string;
  last_activity_at: string | null;
  message_count: number;
}

/**
 * Unbinds in each account's ChannelIdentity (the authority, so the next message is refused), then
 * removes the D1 copies with one `channel.unpaired` per account, in one batch.
 */
async function disconnect(env: Env, actor: string, rows: Array<Pick<BindingRow, "id" | "channel" | "platform_user_id" | "employee_id">>): Promise<void> {
  await Promise.all(rows.map((row) => env.CHANNEL_IDENTITY.getByName(identityName(row.channel, row.platform_user_id)).unbind(row.id)));
  if (!rows.length) return;
  await env.DB.batch(
    rows.flatMap((row) => [
      env.DB.prepare("DELETE FROM channel_bindings WHERE id = ?").bind(row.id),
      auditStatement(env.DB, "channel.unpaired", actor, row.employee_id, { channel: row.channel, bindingId: row.id, by: "admin" }),
    ]).concat(bumpConfigVersion(env.DB)),
  );
}

/** IM channel administration: listings are scoped like employees; settings and disconnects are the admin's. */
export const channelAdminRoutes = apiRouter()
  .openapi(settings, async (c) => {
    requireAdmin(await scopeOf(c.env.DB, c.get("user")), "see the IM bot settings");
    const { results } = await c.env.DB.prepare("SELECT channel, count(*) AS n FROM channel_bindings GROUP BY channel").all<{ channel: string; n: number }>();
    const counts = new Map(results.map((r) => [r.channel, r.n]));
    return c.json({ channels: ChannelName.options.map((channel) => ({ ...channelSettings(c.env, channel), pairedAccounts: counts.get(channel) ?? 0 })) }, 200);
  })
  .openapi(list, async (c) => {
    const { channel } = c.req.valid("param");
    const filter = scopeFilter(await scopeOf(c.env.DB, c.get("user")), "e.department_id");
    const { results } = await c.env.DB.prepare(
      `SELECT b.id, b.channel, b.employee_id, e.name AS employee_name, b.paired_at, b.last_activity_at, b.message_count
       FROM channel_bindings b JOIN employees e ON e.id = b.employee_id
       WHERE b.channel = ? AND ${filter.sql} ORDER BY b.paired_at`,
    )
      .bind(channel, ...filter.binds)
      .all<BindingRow>();
    const bindings = results.map((row) => ({
      id: row.id,
      channel: row.channel,
      employeeId: row.employee_id,
      employeeName: row.employee_name,
      pairedAt: row.paired_at,
      lastActivityAt: row.last_activity_at,
      messageCount: row.message_count,
    }));
    return c.json({ bindings }, 200);
  })
  .openapi(disconnectOne, async (c) => {
    requireAdmin(await scopeOf(c.env.DB, c.get("user")), "disconnect IM accounts");
    const { channel, id } = c.req.valid("param");
    const row = await c.env.DB.prepare("SELECT id, channel, platform_user_id, employee_id FROM channel_bindings WHERE id = ? AND channel = ?")
      .bind(id, channel)
      .first<Pick<BindingRow, "id" | "channel" | "platform_user_id" | "employee_id">>();
    if (!row) throw notFound("paired account");
    await disconnect(c.env, c.get("user").employeeId, [row]);
    return c.body(null, 204);
  })
  .openapi(disconnectAll, async (c) => {
    requireAdmin(await scopeOf(c.env.DB, c.get("user")), "disconnect IM accounts");
    const { channel } = c.req.valid("param");
    const { results } = await c.env.DB.prepare("SELECT id, channel, platform_user_id, employee_id FROM channel_bindings WHERE channel = ?")
      .bind(channel)
      .all<Pick<BindingRow, "id" | "channel" | "platform_user_id" | "employee_id">>();
    await disconnect(c.env, c.get("user").employeeId, results);
    return c.json({ disconnected: results.length }, 200);
  });

import { createRoute, z } from "@hono/zod-openapi";
import { PairedAccount, ChannelName, PairingCodeIssued, PortalChannel } from "@clawgate/contracts";
import { identityName } from "@clawgate/durable-objects";
import { auditStatement } from "../../audit.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { channelConfigured as configured } from "../admin/channels-settings.ts";
import { pairingQrSvg } from "./channels-qr.ts";

const common = { tags: ["portal"], security: SESSION_SECURITY };

const issueCode = createRoute({
  ...common,
  method: "post",
  path: "/channels/{channel}/pairing",
  summary: "A pairing code for your own IM account, with its deep link and QR code; your previous code stops working",
  request: { params: z.object({ channel: ChannelName }) },
  responses: { 200: jsonContent(PairingCodeIssued, "The new code"), ...errorResponses(400, 401, 409) },
});

const list = createRoute({
  ...common,
  method: "get",
  path: "/channels",
  summary: "Your IM channels: a pending pairing and your paired accounts (poll it while pairing)",
  responses: { 200: jsonContent(z.object({ channels: z.array(PortalChannel) }), "Your channels"), ...errorResponses(401) },
});

const unpair = createRoute({
  ...common,
  method: "delete",
  path: "/channels/{channel}/bindings/{id}",
  summary: "Unpair one of your IM accounts; its next message gets the pairing instructions",
  request: { params: z.object({ channel: ChannelName, id: z.string().min(1).max(64) }) },
  responses: { 204: { description: "Unpaired" }, ...errorResponses(400, 401, 404) },
});

interface BindingRow {
  id: string;
  channel: ChannelName;
  platform_user_id: string;
  paired_at: string;
  last_activity_at: string | null;
  message_count: number;
}

const toBinding = (row: BindingRow): PairedAccount => ({
  id: row.id,
  channel: row.channel,
  pairedAt: row.paired_at,
  lastActivityAt: row.last_activity_at,
  messageCount: row.message_count,
});

const INSTRUCTIONS: Record<ChannelName, (code: string) => string> = {
  telegram: () => "Scan the QR code with your phone (or open the link) and tap Start; then confirm in Telegram.",
  slack: (code) => `Send the code ${code} as a direct message to the company bot in Slack, then reply YES.`,
  discord: (code) => `Use /start code:${code} with the company bot in Discord, then press Confirm.`,
  feishu: (code) => `Send the code ${code} as a direct message to the company bot in Feishu, then reply YES.`,
};

/** Always the caller's own channels: the employee comes from the session, never from the request. */
export const channelPortalRoutes = apiRouter()
  .openapi(issueCode, async (c) => {
    const { channel } = c.req.valid("param");
    if (!configured(c.env, channel)) throw new ApiFailure(409, "channel_not_configured", `The company ${channel} bot is not set up yet.`);
    const { code, expiresAt } = await c.env.CHANNEL_DIRECTORY.getByName(channel).issueCode(c.get("user").employeeId);
    const link = channel === "telegram" ? `https://t.me/${c.env.TELEGRAM_BOT_USERNAME}?start=${code}` : null;
    return c.json({ channel, code, expiresAt, deepLink: link, qrSvg: link ? await pairingQrSvg(link) : null, instructions: INSTRUCTIONS[channel](code) }, 200);
  })
  .openapi(list, async (c) => {
    const employeeId = c.get("user").employeeId;
    const { results } = await c.env.DB.prepare(
      "SELECT id, channel, platform_user_id, paired_at, last_activity_at, message_count FROM channel_bindings WHERE employee_id = ? ORDER BY paired_at",
    )
      .bind(employeeId)
      .all<BindingRow>();
    const channels = await Promise.all(
      ChannelName.options.map(async (channel) => ({
        channel,
        configured: configured(c.env, channel),
        pending: await c.env.CHANNEL_DIRECTORY.getByName(channel).pending(employeeId),
        bindings: results.filter((row) => row.channel === channel).map(toBinding),
      })),
    );
    return c.json({ channels }, 200);
  })
  .openapi(unpair, async (c) => {
    const { channel, id } = c.req.valid("param");
    const employeeId = c.get("user").employeeId;
    const row = await c.env.DB.prepare("SELECT id, channel, platform_user_id FROM channel_bindings WHERE id = ? AND channel = ? AND employee_id = ?")
      .bind(id, channel, employeeId)
      .first<Pick<BindingRow, "id" | "channel" | "platform_user_id">>();
    if (!row) throw new ApiFailure(404, "not_found", "No such pairing of yours.");
    // The account's object is the authority: once it forgets the binding, the next message is refused.
    await c.env.CHANNEL_IDENTITY.getByName(identityName(channel, row.platform_user_id)).unbind(id);
    await c.env.DB.batch([
      c.env.DB.prepare("DELETE FROM channel_bindings WHERE id = ?").bind(id),
      auditStatement(c.env.DB, "channel.unpaired", employeeId, employeeId, { channel, bindingId: id, by: "employee" }),
      bumpConfigVersion(c.env.DB),
    ]);
    return c.body(null, 204);
  });

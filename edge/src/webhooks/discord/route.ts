import { Hono } from "hono";
import { EPHEMERAL, type InboundEvent } from "@clawgate/durable-objects";
import type { AppEnv } from "../../auth/middleware.ts";
import { ingest, unauthorized } from "../ingress.ts";
import { parseJson } from "../replay-window.ts";
import { verifyDiscord } from "./verify.ts";

const PING = 1;
const APPLICATION_COMMAND = 2;
const MESSAGE_COMPONENT = 3;
const PONG = 1;
const DEFERRED_CHANNEL_MESSAGE = 5;

interface Interaction {
  id: string;
  type: number;
  application_id: string;
  token: string;
  user?: { id: string };
  member?: { user?: { id: string } };
  data?: { name?: string; custom_id?: string; options?: Array<{ name: string; value?: unknown }> };
}

/** A slash command as the text the ingress understands: `/start CODE`, or the message of `/ask`. */
function commandText(data: Interaction["data"]): string | null {
  const option = (name: string) => data?.options?.find((o) => o.name === name)?.value;
  if (data?.name === "start") return `/start ${String(option("code") ?? "")}`.trim();
  if (data?.name === "ask") return String(option("message") ?? "");
  return null;
}

/**
 * `POST /webhooks/discord` (interactions endpoint): Ed25519 over timestamp + raw body first
 * (Discord probes with bad signatures and drops endpoints that accept them); PING → PONG; a slash
 * command or button is acknowledged with a deferred, private response and answered by follow-up
 * from the account's ChannelIdentity (deduplicated on the interaction id).
 */
export const discordWebhook = new Hono<AppEnv>().post("/", async (c) => {
  const raw = await c.req.text();
  if (!(await verifyDiscord(raw, c.req.header("x-signature-timestamp"), c.req.header("x-signature-ed25519"), c.env.DISCORD_PUBLIC_KEY))) {
    return unauthorized(c, "Bad, missing or stale Discord signature.");
  }
  const interaction = parseJson<Interaction>(raw);
  if (!interaction) return c.json({ error: { code: "invalid_request", message: "Not an interaction." } }, 400);
  if (interaction.type === PING) return c.json({ type: PONG }, 200);
  const userId = interaction.member?.user?.id ?? interaction.user?.id;
  const chatId = `${interaction.application_id}/${interaction.token}`;
  let event: InboundEvent | null = null;
  if (interaction.type === APPLICATION_COMMAND) {
    const text = commandText(interaction.data);
    if (text !== null) event = { kind: "text", eventId: interaction.id, chatId, text };
  } else if (interaction.type === MESSAGE_COMPONENT && interaction.data?.custom_id) {
    event = { kind: "button", eventId: interaction.id, chatId, data: interaction.data.custom_id };
  }
  if (!userId || !event) return c.json({ type: 4, data: { content: "This bot understands /start and /ask.", flags: EPHEMERAL } }, 200);
  await ingest(c, "discord", userId, event);
  return c.json({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: EPHEMERAL } }, 200);
});

import { jsonRequest, platformCall } from "./platform-call.ts";
import type { InlineButton } from "./outbound.ts";

/** Discord's limit on a message's content. */
export const DISCORD_TEXT_LIMIT = 2000;
/** Only the person who used the command sees the answer, also in a server channel. */
export const EPHEMERAL = 64;

/**
 * One follow-up message on a deferred interaction (`target` = "<application id>/<interaction
 * token>", valid 15 minutes). Mentions are disabled so an agent's text can never ping anyone.
 */
export async function sendDiscordChunk(apiBase: string | undefined, target: string, chunk: string, buttons: InlineButton[] = []): Promise<void> {
  const base = (apiBase ?? "https://discord.com/api/v10").replace(/\/+$/, "");
  const components = buttons.length ? { components: [{ type: 1, components: buttons.map((b, n) => ({ type: 2, style: n === 0 ? 1 : 2, label: b.text, custom_id: b.callbackData })) }] } : {};
  await platformCall(
    "Discord follow-up",
    jsonRequest(`${base}/webhooks/${target}`, { content: chunk, flags: EPHEMERAL, allowed_mentions: { parse: [] }, ...components }),
    (_res, payload) => {
      const answer = payload as { message?: string; retry_after?: number };
      return { ok: true, description: answer.message, retryAfter: answer.retry_after, body: answer };
    },
  );
}

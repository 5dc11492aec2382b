import { chunkText } from "./chunk-text.ts";
import { jsonRequest, platformCall } from "./platform-call.ts";
import type { InlineButton } from "./outbound.ts";

/** Discord's limit on a message's content. */
export const DISCORD_TEXT_LIMIT = 2000;
/** Only the person who used the command sees the answer, also in a server channel. */
export const EPHEMERAL = 64;

/**
 * Follow-up messages on a deferred interaction (`target` = "<application id>/<interaction token>",
 * valid 15 minutes). Mentions are disabled so an agent's text can never ping anyone.
 */
export async function sendDiscordFollowUp(apiBase: string | undefined, target: string, text: string, buttons: InlineButton[] = []): Promise<void> {
  const base = (apiBase ?? "https://discord.com/api/v10").replace(/\/+$/, "");
  const chunks = chunkText(text, DISCORD_TEXT_LIMIT);
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    const components = last && buttons.length ? { components: [{ type: 1, components: buttons.map((b, n) => ({ type: 2, style: n === 0 ? 1 : 2, label: b.text, custom_id: b.callbackData })) }] } : {};
    await platformCall(
      "Discord follow-up",
      jsonRequest(`${base}/webhooks/${target}`, { content: chunk, flags: EPHEMERAL, allowed_mentions: { parse: [] }, ...components }),
      (_res, payload) => {
        const answer = payload as { message?: string; retry_after?: number };
        return { ok: true, description: answer.message, retryAfter: answer.retry_after, body: answer };
      },
    );
  }
}

import { jsonRequest, platformCall, PlatformApiError } from "./platform-call.ts";

/** Slack renders up to 40,000 characters but a section block holds 3,000; stay within both. */
export const SLACK_TEXT_LIMIT = 3000;

export interface SlackConfig {
  botToken: string;
  apiBase: string;
}

export function slackConfig(env: { SLACK_BOT_TOKEN?: string; SLACK_API_BASE?: string }): SlackConfig {
  if (!env.SLACK_BOT_TOKEN) throw new PlatformApiError("SLACK_BOT_TOKEN is not set", 0, false);
  return { botToken: env.SLACK_BOT_TOKEN, apiBase: (env.SLACK_API_BASE ?? "https://slack.com/api").replace(/\/+$/, "") };
}

/** Slack's three control characters in message text; everything else is shown as written. */
export const escapeSlack = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** One piece of a reply, by chat.postMessage to a DM channel; a 429 waits Retry-After. */
export async function sendSlackChunk(config: SlackConfig, channel: string, chunk: string): Promise<void> {
  await platformCall(
    "Slack chat.postMessage",
    jsonRequest(`${config.apiBase}/chat.postMessage`, { channel, text: escapeSlack(chunk) }, { authorization: `Bearer ${config.botToken}` }),
    (_res, payload) => {
      const answer = payload as { ok?: boolean; error?: string };
      return { ok: answer.ok === true, description: answer.error, body: answer };
    },
  );
}

/** A slash command's response_url (checked by the webhook) rather than a channel id. */
export const isResponseUrl = (target: string) => target.startsWith("https://");

/** One piece of a private answer to a slash command, by its response_url (valid 30 minutes). */
export async function sendSlackResponse(responseUrl: string, chunk: string): Promise<void> {
  await platformCall("Slack response_url", jsonRequest(responseUrl, { response_type: "ephemeral", text: escapeSlack(chunk) }), (res) => ({ ok: res.ok, body: null }));
}

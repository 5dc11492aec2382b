import type { Context } from "hono";
import type { AppEnv } from "../../auth/middleware.ts";
import { ingest, unauthorized } from "../ingress.ts";
import { verifySlack } from "./verify.ts";

/** Where Slack's response_url may point: Slack's own hooks host, or the configured API base (a fake in tests). */
function trustedResponseUrl(value: string | null, apiBase: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    const allowed = ["https://hooks.slack.com", ...(apiBase ? [new URL(apiBase).origin] : [])];
    return allowed.includes(url.origin) ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * `POST /webhooks/slack/commands`: the `/clawgate` slash command. `/clawgate pair CODE` presents a
 * pairing code (as `/start CODE` does on Telegram), `/clawgate yes` confirms, anything else is a
 * message to the paired agent. The v0 signature is checked on the raw form body first; the command
 * is acknowledged with an empty 200 well inside Slack's 3 seconds (deduplicated on trigger_id) and
 * answered privately through its response_url from the account's ChannelIdentity.
 */
export async function slackCommand(c: Context<AppEnv>) {
  const raw = await c.req.text();
  if (!(await verifySlack(raw, c.req.header("x-slack-request-timestamp"), c.req.header("x-slack-signature"), c.env.SLACK_SIGNING_SECRET))) {
    return unauthorized(c, "Bad, missing or stale Slack signature.");
  }
  const form = new URLSearchParams(raw);
  const [team, user, trigger, text] = [form.get("team_id"), form.get("user_id"), form.get("trigger_id"), (form.get("text") ?? "").trim()];
  const responseUrl = trustedResponseUrl(form.get("response_url"), c.env.SLACK_API_BASE);
  if (!team || !user || !trigger || !responseUrl) return c.json({ error: { code: "invalid_request", message: "Not a slash command from Slack." } }, 400);
  const pair = /^pair\s+(\S+)$/i.exec(text);
  if (!text) return c.json({ response_type: "ephemeral", text: "Use `/clawgate pair CODE` with the code from the ClawGate portal, or `/clawgate` followed by a message for your agent." }, 200);
  await ingest(c, "slack", `${team}:${user}`, { kind: "text", eventId: `cmd:${trigger}`, chatId: responseUrl, text: pair ? `/start ${pair[1]}` : text });
  return c.body(null, 200);
}

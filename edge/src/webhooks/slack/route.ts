import { Hono } from "hono";
import type { AppEnv } from "../../auth/middleware.ts";
import { ingest, unauthorized } from "../ingress.ts";
import { parseJson } from "../replay-window.ts";
import { slackCommand } from "./command.ts";
import { verifySlack } from "./verify.ts";

interface SlackEnvelope {
  type?: string;
  challenge?: string;
  team_id?: string;
  event_id?: string;
  event?: { type?: string; channel_type?: string; channel?: string; user?: string; text?: string; bot_id?: string; subtype?: string };
}

/**
 * `POST /webhooks/slack` (Events API): the v0 signature and its five-minute window are checked on
 * the raw body first; the url_verification challenge is answered inline; a direct message to the
 * bot goes to the common ingress (deduplicated on event_id, so Slack's retries make one turn).
 */
export const slackWebhook = new Hono<AppEnv>().post("/", async (c) => {
  const raw = await c.req.text();
  if (!(await verifySlack(raw, c.req.header("x-slack-request-timestamp"), c.req.header("x-slack-signature"), c.env.SLACK_SIGNING_SECRET))) {
    return unauthorized(c, "Bad, missing or stale Slack signature.");
  }
  const body = parseJson<SlackEnvelope>(raw) ?? {};
  if (body.type === "url_verification") return c.json({ challenge: body.challenge ?? "" }, 200);
  const event = body.event;
  const direct = body.type === "event_callback" && event?.type === "message" && event.channel_type === "im" && !event.bot_id && !event.subtype;
  if (direct && body.event_id && event.user && event.channel && event.text !== undefined) {
    await ingest(c, "slack", `${body.team_id ?? "-"}:${event.user}`, { kind: "text", eventId: body.event_id, chatId: event.channel, text: event.text });
  }
  return c.body(null, 200);
}).post("/commands", slackCommand);

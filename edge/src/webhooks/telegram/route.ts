import { Hono } from "hono";
import type { AppEnv } from "../../auth/middleware.ts";
import { secretsMatch } from "../constant-time.ts";
import { ingest, unauthorized } from "../ingress.ts";
import { parseTelegramUpdate } from "./update.ts";

/**
 * `POST /webhooks/telegram`: the secret token set with setWebhook is checked before the body is
 * even read, then the update goes to the common ingress and Telegram gets its 200. Not under
 * /api: Telegram is the caller, not a signed-in user.
 */
export const telegramWebhook = new Hono<AppEnv>().post("/", async (c) => {
  if (!(await secretsMatch(c.req.header("x-telegram-bot-api-secret-token"), c.env.TELEGRAM_WEBHOOK_SECRET))) return unauthorized(c, "Bad or missing secret token.");
  const inbound = parseTelegramUpdate(await c.req.json().catch(() => null));
  if (inbound) await ingest(c, "telegram", inbound.platformUserId, inbound.event);
  return c.body(null, 200);
});

import { Hono } from "hono";
import { identityName, sendTelegramText, telegramConfig } from "@clawgate/durable-objects";
import type { AppEnv } from "../../auth/middleware.ts";
import { secretsMatch } from "../constant-time.ts";
import { PAIRING_INSTRUCTIONS_FALLBACK, withTimeout } from "../ingress.ts";
import { parseTelegramUpdate } from "./update.ts";

/**
 * `POST /webhooks/telegram`: the secret token set with setWebhook is checked before the body is
 * even read; then the account's ChannelIdentity records the update and queues its work, and
 * Telegram gets its 200. Not under /api: Telegram is the caller, not a signed-in user.
 */
export const telegramWebhook = new Hono<AppEnv>().post("/", async (c) => {
  if (!(await secretsMatch(c.req.header("x-telegram-bot-api-secret-token"), c.env.TELEGRAM_WEBHOOK_SECRET))) {
    return c.json({ error: { code: "unauthorized", message: "Bad or missing secret token." } }, 401);
  }
  const inbound = parseTelegramUpdate(await c.req.json().catch(() => null));
  if (!inbound) return c.body(null, 200);
  const identity = c.env.CHANNEL_IDENTITY.getByName(identityName("telegram", inbound.platformUserId));
  try {
    await withTimeout(identity.receive("telegram", inbound.platformUserId, inbound.event));
  } catch (error) {
    // Fail closed: the account's object is unreachable, so nothing can say it is paired.
    console.error("telegram ingress: ChannelIdentity unavailable", error);
    c.executionCtx.waitUntil(sendTelegramText(telegramConfig(c.env), inbound.event.chatId, PAIRING_INSTRUCTIONS_FALLBACK).catch(() => undefined));
  }
  return c.body(null, 200);
});

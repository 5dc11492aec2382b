import type { Context } from "hono";
import { identityName, sendReply, withTimeout, type ChannelPlatform, type InboundEvent } from "@clawgate/durable-objects";
import type { AppEnv } from "../auth/middleware.ts";

/** How long the ingress waits for an account's ChannelIdentity before failing closed. */
const IDENTITY_TIMEOUT_MS = 5_000;

/** Said when the account's ChannelIdentity cannot be reached: how to pair, never anything from an agent. */
export const PAIRING_INSTRUCTIONS_FALLBACK =
  "This bot connects you to your ClawGate agent, but it cannot check this account's pairing right now. If you have not paired yet, open the ClawGate portal and choose Channels → Connect; otherwise please try again in a minute.";

/**
 * The one ingress of every platform, after verification: the account's ChannelIdentity dedupes
 * the event and queues its work. If it cannot be reached in time, the account gets the pairing
 * instructions and nothing else (fail closed).
 */
export async function ingest(c: Context<AppEnv>, platform: ChannelPlatform, platformUserId: string, event: InboundEvent): Promise<void> {
  const identity = c.env.CHANNEL_IDENTITY.getByName(identityName(platform, platformUserId));
  try {
    await withTimeout(identity.receive(platform, platformUserId, event), IDENTITY_TIMEOUT_MS);
  } catch (error) {
    console.error(`${platform} ingress: ChannelIdentity unavailable`, error);
    c.executionCtx.waitUntil(sendReply(c.env, platform, event.chatId, PAIRING_INSTRUCTIONS_FALLBACK).catch(() => undefined));
  }
}

export const unauthorized = (c: Context<AppEnv>, message: string) => c.json({ error: { code: "unauthorized", message } }, 401);

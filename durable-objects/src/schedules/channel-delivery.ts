import type { Env } from "../env.ts";
import type { ChannelPlatform } from "../channel-identity/inbound.ts";
import { sendReply } from "../channels/outbound.ts";
import { PlatformApiError } from "../channels/platform-call.ts";

/**
 * Platforms a reply can be pushed to unprompted: a Telegram private chat's id is the user's id, and
 * Slack's chat.postMessage to a user id opens the bot's DM. Discord replies are interaction
 * follow-ups and Feishu sends to a chat id the binding does not hold, so neither can start a
 * conversation here; their employees get the portal inbox.
 */
const PUSHABLE: readonly ChannelPlatform[] = ["telegram", "slack"];

/** `retryable` is false when trying again cannot help (no channel paired, or the platform refused the message for good). */
export type ChannelDelivery =
  | { delivered: true; channel: ChannelPlatform }
  | { delivered: false; channel: ChannelPlatform | null; error: string | null; retryable: boolean };

/** The employee's most recently active paired account on a platform that can take a pushed message. */
async function preferredBinding(db: D1Database, employeeId: string): Promise<{ channel: ChannelPlatform; account: string } | null> {
  const placeholders = PUSHABLE.map(() => "?").join(", ");
  return db
    .prepare(
      `SELECT channel, platform_user_id AS account FROM channel_bindings WHERE employee_id = ? AND channel IN (${placeholders})
       ORDER BY COALESCE(last_activity_at, paired_at) DESC, id DESC LIMIT 1`,
    )
    .bind(employeeId, ...PUSHABLE)
    .first<{ channel: ChannelPlatform; account: string }>();
}

/**
 * Sends a scheduled run's reply to the employee's preferred channel. The platform call retries
 * 429s and 5xx with backoff itself (channels/platform-call.ts); what is still failing after that
 * comes back as the error, for the outbox to retry later or the inbox item to show.
 */
export async function deliverToChannel(env: Env, employeeId: string, text: string): Promise<ChannelDelivery> {
  let channel: ChannelPlatform | null = null;
  try {
    const binding = await preferredBinding(env.DB, employeeId);
    if (!binding) return { delivered: false, channel: null, error: null, retryable: false };
    channel = binding.channel;
    await sendReply(env, binding.channel, binding.account, text);
    return { delivered: true, channel };
  } catch (error) {
    const retryable = !(error instanceof PlatformApiError) || error.retryable;
    return { delivered: false, channel, error: error instanceof Error ? error.message : String(error), retryable };
  }
}

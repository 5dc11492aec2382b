import type { Env } from "../env.ts";
import type { ChannelPlatform } from "../channel-identity/inbound.ts";
import { chunkText } from "./chunk-text.ts";
import { DISCORD_TEXT_LIMIT, sendDiscordChunk } from "./discord-api.ts";
import { FEISHU_TEXT_LIMIT, feishuConfig, sendFeishuChunk } from "./feishu-api.ts";
import { isResponseUrl, SLACK_TEXT_LIMIT, slackConfig, sendSlackChunk, sendSlackResponse } from "./slack-api.ts";
import { answerCallback, sendTelegramChunk, TELEGRAM_TEXT_LIMIT, telegramConfig } from "./telegram-api.ts";

export interface InlineButton {
  text: string;
  callbackData: string;
}

const TEXT_LIMITS: Record<ChannelPlatform, number> = { telegram: TELEGRAM_TEXT_LIMIT, slack: SLACK_TEXT_LIMIT, discord: DISCORD_TEXT_LIMIT, feishu: FEISHU_TEXT_LIMIT };

/**
 * Platforms whose send API drops a repeated request carrying the same key of ours (Feishu's
 * `uuid`, kept an hour). Telegram, Slack and Discord follow-ups have no such key: a send that was
 * cut off by a crash cannot be checked or repeated safely there.
 */
export const IDEMPOTENT_SENDS: Record<ChannelPlatform, boolean> = { telegram: false, slack: false, discord: false, feishu: true };

/** A reply cut to the platform's message limit: one send per piece. */
export const replyChunks = (platform: ChannelPlatform, text: string) => chunkText(text, TEXT_LIMITS[platform]);

export interface ChunkOptions {
  /** Shown where the platform has buttons in this integration (Telegram, Discord); elsewhere the text says what to reply. */
  buttons?: InlineButton[];
  /** A Telegram button press to answer (stops its spinner), with the first piece. */
  callbackId?: string | null;
  /** Makes the send idempotent where the platform allows it (IDEMPOTENT_SENDS). */
  idempotencyKey?: string;
}

/** Sends one piece of a reply to where an inbound event came from. */
export async function sendReplyChunk(env: Env, platform: ChannelPlatform, target: string, chunk: string, options: ChunkOptions = {}): Promise<void> {
  switch (platform) {
    case "telegram": {
      const config = telegramConfig(env);
      if (options.callbackId) await answerCallback(config, options.callbackId);
      return sendTelegramChunk(config, target, chunk, options.buttons);
    }
    case "slack":
      return isResponseUrl(target) ? sendSlackResponse(target, chunk) : sendSlackChunk(slackConfig(env), target, chunk);
    case "discord":
      return sendDiscordChunk(env.DISCORD_API_BASE, target, chunk, options.buttons);
    case "feishu":
      return sendFeishuChunk(feishuConfig(env), target, chunk, options.idempotencyKey);
  }
}

/** Delivers one text, chunked to the platform's limit; buttons go on the last piece. */
export async function sendReply(env: Env, platform: ChannelPlatform, target: string, text: string, buttons: InlineButton[] = [], callbackId?: string | null): Promise<void> {
  const chunks = replyChunks(platform, text);
  for (const [i, chunk] of chunks.entries()) {
    await sendReplyChunk(env, platform, target, chunk, { buttons: i === chunks.length - 1 ? buttons : [], callbackId: i === 0 ? callbackId : null });
  }
}

import type { Env } from "../env.ts";
import type { ChannelPlatform } from "../channel-identity/inbound.ts";
import { sendDiscordFollowUp } from "./discord-api.ts";
import { feishuConfig, sendFeishuText } from "./feishu-api.ts";
import { slackConfig, sendSlackText } from "./slack-api.ts";
import { answerCallback, sendTelegramText, telegramConfig } from "./telegram-api.ts";

export interface InlineButton {
  text: string;
  callbackData: string;
}

/**
 * Delivers one text to where an inbound event came from, with each platform's limits. Buttons are
 * shown where the platform has them in this integration (Telegram, Discord); elsewhere the text
 * itself says what to reply.
 */
export async function sendReply(env: Env, platform: ChannelPlatform, target: string, text: string, buttons: InlineButton[] = [], callbackId?: string | null): Promise<void> {
  switch (platform) {
    case "telegram": {
      const config = telegramConfig(env);
      if (callbackId) await answerCallback(config, callbackId);
      return sendTelegramText(config, target, text, buttons);
    }
    case "slack":
      return sendSlackText(slackConfig(env), target, text);
    case "discord":
      return sendDiscordFollowUp(env.DISCORD_API_BASE, target, text, buttons);
    case "feishu":
      return sendFeishuText(feishuConfig(env), target, text);
  }
}

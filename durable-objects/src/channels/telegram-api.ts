import { jsonRequest, platformCall, PlatformApiError } from "./platform-call.ts";
import type { InlineButton } from "./outbound.ts";

/** Telegram's limit on one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

export interface TelegramConfig {
  botToken: string;
  /** https://api.telegram.org, or a fake in tests. */
  apiBase: string;
}

export function telegramConfig(env: { TELEGRAM_BOT_TOKEN?: string; TELEGRAM_API_BASE?: string }): TelegramConfig {
  if (!env.TELEGRAM_BOT_TOKEN) throw new PlatformApiError("TELEGRAM_BOT_TOKEN is not set", 0, false);
  return { botToken: env.TELEGRAM_BOT_TOKEN, apiBase: (env.TELEGRAM_API_BASE ?? "https://api.telegram.org").replace(/\/+$/, "") };
}

/**
 * Sends one piece of a reply as plain text (no parse_mode: nothing the agent writes can break
 * Telegram's MarkdownV2 parser), with the buttons if any.
 */
export async function sendTelegramChunk(config: TelegramConfig, chatId: string, chunk: string, buttons: InlineButton[] = []): Promise<void> {
  const markup = buttons.length ? { reply_markup: { inline_keyboard: [buttons.map((b) => ({ text: b.text, callback_data: b.callbackData }))] } } : {};
  await callTelegram(config, "sendMessage", { chat_id: chatId, text: chunk, ...markup });
}

/** Stops the button's spinner in the user's client; failure is harmless. */
export async function answerCallback(config: TelegramConfig, callbackQueryId: string): Promise<void> {
  await callTelegram(config, "answerCallbackQuery", { callback_query_id: callbackQueryId }).catch(() => undefined);
}

/** One Bot API call; a 429 waits `parameters.retry_after`. */
export function callTelegram(config: TelegramConfig, method: string, body: Record<string, unknown>): Promise<unknown> {
  return platformCall(`Telegram ${method}`, jsonRequest(`${config.apiBase}/bot${config.botToken}/${method}`, body), (_res, payload) => {
    const answer = payload as { ok?: boolean; result?: unknown; description?: string; parameters?: { retry_after?: number } };
    return { ok: answer.ok === true, description: answer.description, retryAfter: answer.parameters?.retry_after, body: answer.result };
  });
}

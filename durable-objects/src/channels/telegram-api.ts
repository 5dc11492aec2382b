import { chunkText } from "./chunk-text.ts";

/** Telegram's limit on one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;
const MAX_ATTEMPTS = 4;
const BACKOFF_MS = [500, 1500, 4000];
// A retry_after beyond this is not waited out inside one delivery; the outbox retries later.
const MAX_RETRY_AFTER_S = 30;

export interface TelegramConfig {
  botToken: string;
  /** https://api.telegram.org, or a fake in tests. */
  apiBase: string;
}

export interface InlineButton {
  text: string;
  callbackData: string;
}

/** A Bot API call failed for good (4xx other than 429) or after every retry. */
export class TelegramApiError extends Error {
  readonly status: number;
  readonly retryable: boolean;
  constructor(message: string, status: number, retryable: boolean) {
    super(message);
    this.name = "TelegramApiError";
    this.status = status;
    this.retryable = retryable;
  }
}

export function telegramConfig(env: { TELEGRAM_BOT_TOKEN?: string; TELEGRAM_API_BASE?: string }): TelegramConfig {
  if (!env.TELEGRAM_BOT_TOKEN) throw new TelegramApiError("TELEGRAM_BOT_TOKEN is not set", 0, false);
  return { botToken: env.TELEGRAM_BOT_TOKEN, apiBase: (env.TELEGRAM_API_BASE ?? "https://api.telegram.org").replace(/\/+$/, "") };
}

/**
 * Sends a reply as plain text (no parse_mode: nothing the agent writes can break Telegram's
 * MarkdownV2 parser), split at 4096 characters; buttons go on the last piece.
 */
export async function sendTelegramText(config: TelegramConfig, chatId: string, text: string, buttons: InlineButton[] = []): Promise<void> {
  const chunks = chunkText(text, TELEGRAM_TEXT_LIMIT);
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    const markup = last && buttons.length ? { reply_markup: { inline_keyboard: [buttons.map((b) => ({ text: b.text, callback_data: b.callbackData }))] } } : {};
    await callTelegram(config, "sendMessage", { chat_id: chatId, text: chunk, ...markup });
  }
}

/** Stops the button's spinner in the user's client; failure is harmless. */
export async function answerCallback(config: TelegramConfig, callbackQueryId: string): Promise<void> {
  await callTelegram(config, "answerCallbackQuery", { callback_query_id: callbackQueryId }).catch(() => undefined);
}

/** One Bot API call with retries: 429 waits `parameters.retry_after`, 5xx and network errors back off. */
export async function callTelegram(config: TelegramConfig, method: string, body: Record<string, unknown>): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    let failure: TelegramApiError;
    let waitMs = BACKOFF_MS[attempt - 1] ?? 4000;
    try {
      const res = await fetch(`${config.apiBase}/bot${config.botToken}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const payload = (await res.json().catch(() => ({}))) as { ok?: boolean; result?: unknown; description?: string; parameters?: { retry_after?: number } };
      if (res.ok && payload.ok) return payload.result;
      const description = payload.description ?? `HTTP ${res.status}`;
      if (res.status === 429) {
        const retryAfter = payload.parameters?.retry_after ?? Number(res.headers.get("retry-after") ?? 1);
        failure = new TelegramApiError(`Telegram ${method}: ${description}`, 429, true);
        if (retryAfter > MAX_RETRY_AFTER_S) throw failure;
        waitMs = retryAfter * 1000;
      } else {
        failure = new TelegramApiError(`Telegram ${method}: ${description}`, res.status, res.status >= 500);
      }
    } catch (error) {
      if (error instanceof TelegramApiError) throw error;
      failure = new TelegramApiError(`Telegram ${method}: ${error instanceof Error ? error.message : String(error)}`, 0, true);
    }
    if (!failure.retryable || attempt >= MAX_ATTEMPTS) throw failure;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/** Test-only: the Telegram Bot API at the fetch boundary (TELEGRAM_API_BASE = https://telegram.test). */
export const TELEGRAM_BASE = "https://telegram.test";
export const TELEGRAM_SECRET = "test-telegram-webhook-secret";

export interface TelegramCall {
  method: string;
  body: Record<string, unknown>;
  /** Answered with ok: true (not a 429 or an error the test injected). */
  accepted?: boolean;
}

export interface FakeTelegram {
  calls: TelegramCall[];
  /** Accepted sendMessage texts to one chat, in order. */
  sentTo: (chatId: number) => string[];
  /** Per call: an answer other than `{ok: true}`, e.g. a 429. */
  respond: (call: TelegramCall, n: number) => Response | null;
  /** Per call: true to take the message and never answer, as if the sender died right after sending it. */
  hold: (call: TelegramCall) => boolean;
  restore: () => void;
}

/** Install after the fake runtime, restore before it. */
export function fakeTelegram(): FakeTelegram {
  const original = globalThis.fetch;
  const fake: FakeTelegram = {
    calls: [],
    sentTo: (chatId) => fake.calls.filter((c) => c.method === "sendMessage" && c.accepted && c.body.chat_id === String(chatId)).map((c) => String(c.body.text)),
    respond: () => null,
    hold: () => false,
    restore: () => {
      globalThis.fetch = original;
    },
  };
  // Wraps whatever fetch is in place (e.g. the fake runtime's spy) rather than spying again, which
  // would reuse that spy and lose the function to fall through to.
  globalThis.fetch = async (input, init) => {
    const req = new Request(input, init);
    if (!req.url.startsWith(TELEGRAM_BASE)) return original(input, init);
    const method = req.url.split("/").at(-1)!;
    const call: TelegramCall = { method, body: (await req.json()) as Record<string, unknown> };
    fake.calls.push(call);
    if (fake.hold(call)) return new Promise<Response>(() => undefined);
    const injected = fake.respond(call, fake.calls.length);
    call.accepted = !injected;
    return injected ?? Response.json({ ok: true, result: {} });
  };
  return fake;
}

let nextUpdateId = 1000;
export const updateId = () => nextUpdateId++;

export const textUpdate = (userId: number, text: string, id = updateId()) => ({
  update_id: id,
  message: { message_id: id, date: 0, from: { id: userId, is_bot: false, first_name: "T" }, chat: { id: userId, type: "private" }, text },
});

export const buttonUpdate = (userId: number, data: string, id = updateId()) => ({
  update_id: id,
  callback_query: { id: `cb-${id}`, from: { id: userId, is_bot: false, first_name: "T" }, data, message: { message_id: 1, date: 0, chat: { id: userId, type: "private" } } },
});

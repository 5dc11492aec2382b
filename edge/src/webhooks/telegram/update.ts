import { z } from "zod";
import type { InboundEvent } from "@clawgate/durable-objects";

const User = z.object({ id: z.number().int(), is_bot: z.boolean().optional() });
const Chat = z.object({ id: z.number().int(), type: z.string() });

/** The parts of a Telegram Update the bot acts on; everything else is acknowledged and ignored. */
const Update = z.object({
  update_id: z.number().int(),
  message: z.object({ from: User.optional(), chat: Chat, text: z.string().optional() }).optional(),
  callback_query: z
    .object({ id: z.string(), from: User, data: z.string().optional(), message: z.object({ chat: Chat }).optional() })
    .optional(),
});

export interface TelegramInbound {
  platformUserId: string;
  event: InboundEvent;
}

/** One private-chat text or button press, or null for anything the bot does not answer (groups, media, edits). */
export function parseTelegramUpdate(body: unknown): TelegramInbound | null {
  const parsed = Update.safeParse(body);
  if (!parsed.success) return null;
  const { update_id, message, callback_query } = parsed.data;
  const eventId = String(update_id);
  if (message?.from && !message.from.is_bot && message.chat.type === "private" && message.text !== undefined) {
    return { platformUserId: String(message.from.id), event: { kind: "text", eventId, chatId: String(message.chat.id), text: message.text } };
  }
  if (callback_query?.message?.chat.type === "private" && callback_query.data) {
    return {
      platformUserId: String(callback_query.from.id),
      event: { kind: "button", eventId, chatId: String(callback_query.message.chat.id), data: callback_query.data, callbackId: callback_query.id },
    };
  }
  return null;
}

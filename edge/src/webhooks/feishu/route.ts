import { Hono } from "hono";
import type { AppEnv } from "../../auth/middleware.ts";
import { secretsMatch } from "../constant-time.ts";
import { ingest, unauthorized } from "../ingress.ts";
import { parseJson } from "../replay-window.ts";
import { decryptFeishu, verifyFeishuSignature } from "./verify.ts";

interface FeishuPayload {
  type?: string;
  challenge?: string;
  token?: string;
  encrypt?: string;
  header?: { event_id?: string; event_type?: string; token?: string };
  event?: {
    sender?: { sender_type?: string; sender_id?: { open_id?: string } };
    message?: { chat_id?: string; chat_type?: string; message_type?: string; content?: string };
  };
}

function messageText(content: string | undefined): string | null {
  try {
    const text = (JSON.parse(content ?? "") as { text?: unknown }).text;
    return typeof text === "string" ? text : null;
  } catch {
    return null;
  }
}

/**
 * `POST /webhooks/feishu` (event subscription): with an encrypt key, the X-Lark-Signature over the
 * raw body is checked and the body decrypted; the verification token is checked in every case; the
 * url_verification challenge is answered at once; a direct text message goes to the common ingress
 * (deduplicated on header.event_id).
 */
export const feishuWebhook = new Hono<AppEnv>().post("/", async (c) => {
  const raw = await c.req.text();
  const encryptKey = c.env.FEISHU_ENCRYPT_KEY;
  let payload = parseJson<FeishuPayload>(raw) ?? {};
  let signed = false;
  if (encryptKey) {
    const headers = { timestamp: c.req.header("x-lark-request-timestamp"), nonce: c.req.header("x-lark-request-nonce"), signature: c.req.header("x-lark-signature") };
    signed = await verifyFeishuSignature(raw, headers, encryptKey);
    if (!payload.encrypt) return unauthorized(c, "An encrypted body is expected.");
    payload = ((await decryptFeishu(payload.encrypt, encryptKey)) ?? {}) as FeishuPayload;
  }
  if (!(await secretsMatch(payload.header?.token ?? payload.token, c.env.FEISHU_VERIFICATION_TOKEN))) return unauthorized(c, "Bad verification token.");
  if (payload.type === "url_verification") return c.json({ challenge: payload.challenge ?? "" }, 200);
  // Feishu signs everything but the URL check; without the signature an event could be a replay.
  if (encryptKey && !signed) return unauthorized(c, "Bad, missing or stale Lark signature.");
  const { header, event } = payload;
  const text = messageText(event?.message?.content);
  const userId = event?.sender?.sender_id?.open_id;
  const direct = header?.event_type === "im.message.receive_v1" && event?.sender?.sender_type === "user" && event.message?.chat_type === "p2p";
  if (direct && header?.event_id && userId && event.message?.chat_id && text !== null) {
    await ingest(c, "feishu", userId, { kind: "text", eventId: header.event_id, chatId: event.message.chat_id, text });
  }
  return c.body(null, 200);
});

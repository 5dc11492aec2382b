import { jsonRequest, platformCall, PlatformApiError } from "./platform-call.ts";
import { cachedFeishuToken, forgetFeishuToken } from "./feishu-token.ts";

/** Feishu takes large text messages; this keeps each one readable on a phone. */
export const FEISHU_TEXT_LIMIT = 4000;

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  apiBase: string;
}

export function feishuConfig(env: { FEISHU_APP_ID?: string; FEISHU_APP_SECRET?: string; FEISHU_API_BASE?: string }): FeishuConfig {
  if (!env.FEISHU_APP_ID || !env.FEISHU_APP_SECRET) throw new PlatformApiError("FEISHU_APP_ID / FEISHU_APP_SECRET are not set", 0, false);
  return { appId: env.FEISHU_APP_ID, appSecret: env.FEISHU_APP_SECRET, apiBase: (env.FEISHU_API_BASE ?? "https://open.feishu.cn/open-apis").replace(/\/+$/, "") };
}

const readFeishu = (_res: Response, payload: unknown) => {
  const answer = payload as { code?: number; msg?: string };
  return { ok: answer.code === 0, description: answer.msg, body: answer };
};

function tenantToken(config: FeishuConfig): Promise<string> {
  return cachedFeishuToken(`${config.apiBase}|${config.appId}`, async () => {
    const answer = (await platformCall(
      "Feishu tenant_access_token",
      jsonRequest(`${config.apiBase}/auth/v3/tenant_access_token/internal`, { app_id: config.appId, app_secret: config.appSecret }),
      readFeishu,
    )) as { tenant_access_token: string; expire?: number };
    return { token: answer.tenant_access_token, expireSeconds: answer.expire ?? 0 };
  });
}

/**
 * One piece of a reply to a chat, as the app (im/v1/messages). `uuid` (≤ 50 characters) makes the
 * send idempotent: Feishu sends one message per uuid within an hour, so a repeated attempt after a
 * crash cannot show twice. A refused token is dropped and the send tried once more with a new one.
 */
export async function sendFeishuChunk(config: FeishuConfig, chatId: string, chunk: string, uuid?: string): Promise<void> {
  const body = { receive_id: chatId, msg_type: "text", content: JSON.stringify({ text: chunk }), ...(uuid ? { uuid } : {}) };
  const send = async (token: string) =>
    platformCall("Feishu im.message.create", jsonRequest(`${config.apiBase}/im/v1/messages?receive_id_type=chat_id`, body, { authorization: `Bearer ${token}` }), readFeishu);
  const token = await tenantToken(config);
  try {
    await send(token);
  } catch (error) {
    if (!(error instanceof PlatformApiError) || error.retryable) throw error;
    forgetFeishuToken(`${config.apiBase}|${config.appId}`, token);
    const renewed = await tenantToken(config);
    if (renewed === token) throw error;
    await send(renewed);
  }
}

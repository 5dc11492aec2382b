import { chunkText } from "./chunk-text.ts";
import { jsonRequest, platformCall, PlatformApiError } from "./platform-call.ts";

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

/** Sends text to a chat as the app: a tenant access token, then im/v1/messages per chunk. */
export async function sendFeishuText(config: FeishuConfig, chatId: string, text: string): Promise<void> {
  const auth = (await platformCall(
    "Feishu tenant_access_token",
    jsonRequest(`${config.apiBase}/auth/v3/tenant_access_token/internal`, { app_id: config.appId, app_secret: config.appSecret }),
    readFeishu,
  )) as { tenant_access_token: string };
  for (const chunk of chunkText(text, FEISHU_TEXT_LIMIT)) {
    await platformCall(
      "Feishu im.message.create",
      jsonRequest(`${config.apiBase}/im/v1/messages?receive_id_type=chat_id`, { receive_id: chatId, msg_type: "text", content: JSON.stringify({ text: chunk }) }, { authorization: `Bearer ${auth.tenant_access_token}` }),
      readFeishu,
    );
  }
}

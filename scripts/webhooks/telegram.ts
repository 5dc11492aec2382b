/**
 * `node scripts/webhooks/telegram.ts https://<your ClawGate host>`
 *
 * Points the company bot at ClawGate with Telegram's setWebhook, including the secret_token that
 * Telegram then sends in X-Telegram-Bot-Api-Secret-Token and the Worker checks, and verifies the
 * result with getWebhookInfo and an unsigned probe. The bot token and the secret come from the
 * environment (TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET — the same values as the Worker
 * secrets), never from arguments, which would stay in shell history.
 */
import { probeUnsigned, run, UsageError, webhookUrl } from "./webhook-url.ts";

/** setWebhook's rule for secret_token. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

interface BotApiAnswer<T> {
  ok: boolean;
  result?: T;
  description?: string;
}

interface WebhookInfo {
  url: string;
  pending_update_count: number;
  last_error_date?: number;
  last_error_message?: string;
}

export async function registerTelegramWebhook(origin: string | undefined, env: NodeJS.ProcessEnv, fetchImpl: typeof fetch = fetch): Promise<string[]> {
  const url = webhookUrl(origin, "telegram");
  const token = env.TELEGRAM_BOT_TOKEN;
  const secret = env.TELEGRAM_WEBHOOK_SECRET;
  if (!token) throw new UsageError("Set TELEGRAM_BOT_TOKEN to the bot's token from @BotFather.");
  if (!secret || !SECRET_TOKEN.test(secret)) throw new UsageError("Set TELEGRAM_WEBHOOK_SECRET to the Worker's secret: 1–256 of A–Z, a–z, 0–9, _ and - (e.g. openssl rand -hex 32).");
  const api = `${(env.TELEGRAM_API_BASE ?? "https://api.telegram.org").replace(/\/+$/, "")}/bot${token}`;

  const call = async <T>(method: string, body: Record<string, unknown>): Promise<T> => {
    const res = await fetchImpl(`${api}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const answer = (await res.json().catch(() => ({ ok: false, description: `HTTP ${res.status}` }))) as BotApiAnswer<T>;
    if (!answer.ok) throw new Error(`Telegram ${method} failed: ${answer.description ?? `HTTP ${res.status}`}`);
    return answer.result as T;
  };

  // Only what the edge handles: private text messages and the pairing buttons.
  await call("setWebhook", { url, secret_token: secret, allowed_updates: ["message", "callback_query"] });
  const info = await call<WebhookInfo>("getWebhookInfo", {});
  if (info.url !== url) throw new Error(`Telegram reports the webhook as ${JSON.stringify(info.url)}, not ${url}.`);
  const report = [`Telegram delivers to ${url} with the secret token (${info.pending_update_count} update(s) pending).`];
  if (info.last_error_message) {
    report.push(`Telegram's last delivery error (${new Date((info.last_error_date ?? 0) * 1000).toISOString()}): ${info.last_error_message}`);
  }
  report.push(await probeUnsigned(url, fetchImpl));
  return report;
}

if (import.meta.main) {
  run(async () => {
    for (const line of await registerTelegramWebhook(process.argv[2], process.env)) console.log(line);
  });
}

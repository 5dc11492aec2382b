import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { registerTelegramWebhook } from "./telegram.ts";
import { probeUnsigned, UsageError, webhookUrl } from "./webhook-url.ts";

const ORIGIN = "https://clawgate.example.com";
const TOKEN = "123456:test-bot-token";
const SECRET = "a".repeat(32) + "_-Z9";

interface Recorded {
  url: string;
  body: unknown;
  headers: Headers;
}

/**
 * Telegram's Bot API and the ClawGate route, faked at the fetch boundary: the Bot API remembers the
 * webhook it was given, the route answers 401 without the secret-token header.
 */
function fakeNetwork(options: { telegramOk?: boolean; reportedUrl?: string; lastError?: string } = {}) {
  const calls: Recorded[] = [];
  let webhook = "";
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ url, body, headers: new Headers(init?.headers) });
    if (url.startsWith(`https://api.telegram.org/bot${TOKEN}/`)) {
      if (options.telegramOk === false) return json(401, { ok: false, error_code: 401, description: "Unauthorized" });
      const method = url.slice(url.lastIndexOf("/") + 1);
      if (method === "setWebhook") {
        webhook = body.url;
        return json(200, { ok: true, result: true, description: "Webhook was set" });
      }
      if (method === "getWebhookInfo") {
        return json(200, { ok: true, result: { url: options.reportedUrl ?? webhook, pending_update_count: 2, ...(options.lastError ? { last_error_date: 1_763_600_000, last_error_message: options.lastError } : {}) } });
      }
    }
    if (url === `${ORIGIN}/webhooks/telegram`) {
      return new Headers(init?.headers).get("x-telegram-bot-api-secret-token") === SECRET ? json(200, {}) : json(401, { error: { code: "unauthorized" } });
    }
    return json(404, {});
  }) as typeof fetch;
  return { fetchImpl, calls };
}

describe("registerTelegramWebhook", () => {
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET };

  it("sets the webhook with the secret token, confirms it with getWebhookInfo and probes the route", async () => {
    const network = fakeNetwork();
    const report = await registerTelegramWebhook(ORIGIN, env, network.fetchImpl);
    const setWebhook = network.calls.find((call) => call.url.endsWith("/setWebhook"))!;
    expect(setWebhook.body).toEqual({ url: `${ORIGIN}/webhooks/telegram`, secret_token: SECRET, allowed_updates: ["message", "callback_query"] });
    expect(report).toEqual([
      `Telegram delivers to ${ORIGIN}/webhooks/telegram with the secret token (2 update(s) pending).`,
      `${ORIGIN}/webhooks/telegram is live and refuses unsigned requests (401), as it should.`,
    ]);
    // The probe is unsigned: it must never carry the secret.
    const probe = network.calls.find((call) => call.url === `${ORIGIN}/webhooks/telegram`)!;
    expect(probe.headers.get("x-telegram-bot-api-secret-token")).toBeNull();
  });

  it("passes on Telegram's last delivery error", async () => {
    const report = await registerTelegramWebhook(ORIGIN, env, fakeNetwork({ lastError: "Wrong response from the webhook: 401 Unauthorized" }).fetchImpl);
    expect(report[1]).toMatch(/last delivery error .*401 Unauthorized/);
  });

  it("fails when Telegram refuses the token or reports another URL", async () => {
    await expect(registerTelegramWebhook(ORIGIN, env, fakeNetwork({ telegramOk: false }).fetchImpl)).rejects.toThrow("Telegram setWebhook failed: Unauthorized");
    await expect(registerTelegramWebhook(ORIGIN, env, fakeNetwork({ reportedUrl: "https://old.example.com/hook" }).fetchImpl)).rejects.toThrow(/not https:\/\/clawgate.example.com\/webhooks\/telegram/);
  });

  it.each([
    ["an http origin", "http://clawgate.example.com", env, /not https/],
    ["no origin", undefined, env, /public origin/],
    ["no bot token", ORIGIN, { TELEGRAM_WEBHOOK_SECRET: SECRET }, /TELEGRAM_BOT_TOKEN/],
    ["a secret Telegram would refuse", ORIGIN, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: "has spaces!" }, /TELEGRAM_WEBHOOK_SECRET/],
  ])("refuses %s before calling anything", async (_what, origin, environment, message) => {
    const network = fakeNetwork();
    await expect(registerTelegramWebhook(origin, environment, network.fetchImpl)).rejects.toThrow(UsageError);
    await expect(registerTelegramWebhook(origin, environment, network.fetchImpl)).rejects.toThrow(message);
    expect(network.calls).toEqual([]);
  });
});

describe("probeUnsigned", () => {
  const answering = (status: number) => (async () => new Response(null, { status })) as unknown as typeof fetch;

  it.each([
    [401, /is live and refuses unsigned requests/],
    [404, /not deployed/],
    [200, /expected 401/],
  ])("explains a %i", async (status, message) => {
    expect(await probeUnsigned(webhookUrl(ORIGIN, "slack"), answering(status))).toMatch(message);
  });
});

describe("the console-only platforms' scripts", () => {
  const run = promisify(execFile);
  it.each(["slack", "discord", "feishu"])("%s refuses a non-https origin with exit code 2 before any request", async (platform) => {
    const script = resolve(import.meta.dirname, `${platform}.ts`);
    await expect(run(process.execPath, [script, "http://clawgate.example.com"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("not https") });
  });
});

import { request } from "./org-client.ts";

/** Test-only: requests signed the way each platform signs them, with the test secrets of vitest.workers.config.ts. */
const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
export const nowSeconds = () => String(Math.floor(Date.now() / 1000));

export const SLACK_SECRET = "test-slack-signing-secret";
const DISCORD_PRIVATE_PKCS8 = "MC4CAQAwBQYDK2VwBCIEICNfKT40TmKMI3+Hl7mT0FvXixIG7wMxwQ9qwmFz1hkb";
export const FEISHU_TOKEN = "test-feishu-verification-token";
const FEISHU_ENCRYPT_KEY = "test-feishu-encrypt-key";

export async function slackSignature(body: string, ts: string, secret = SLACK_SECRET): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return `v0=${hex(await crypto.subtle.sign("HMAC", key, encoder.encode(`v0:${ts}:${body}`)))}`;
}

export async function postSlack(payload: unknown, options: { ts?: string; secret?: string; signature?: string } = {}) {
  const body = JSON.stringify(payload);
  const ts = options.ts ?? nowSeconds();
  const signature = options.signature ?? (await slackSignature(body, ts, options.secret));
  return request("/webhooks/slack", { method: "POST", headers: { "content-type": "application/json", "x-slack-request-timestamp": ts, "x-slack-signature": signature }, body });
}

/** A slash command as Slack posts it: a signed form body. */
export async function postSlackCommand(fields: Record<string, string>, options: { ts?: string; secret?: string } = {}) {
  const body = new URLSearchParams(fields).toString();
  const ts = options.ts ?? nowSeconds();
  const signature = await slackSignature(body, ts, options.secret);
  return request("/webhooks/slack/commands", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": ts, "x-slack-signature": signature }, body });
}

export async function discordSignature(body: string, ts: string): Promise<string> {
  const der = Uint8Array.from(atob(DISCORD_PRIVATE_PKCS8), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]);
  return hex(await crypto.subtle.sign({ name: "Ed25519" }, key, encoder.encode(`${ts}${body}`)));
}

export async function postDiscord(payload: unknown, options: { ts?: string; signature?: string; tamper?: boolean } = {}) {
  const body = JSON.stringify(payload);
  const ts = options.ts ?? nowSeconds();
  const signature = options.signature ?? (await discordSignature(body, ts));
  const sent = options.tamper ? body.replace("}", ',"x":1}') : body;
  return request("/webhooks/discord", { method: "POST", headers: { "content-type": "application/json", "x-signature-timestamp": ts, "x-signature-ed25519": signature }, body: sent });
}

export async function feishuEncrypt(payload: unknown, encryptKey = FEISHU_ENCRYPT_KEY): Promise<string> {
  const key = await crypto.subtle.importKey("raw", await crypto.subtle.digest("SHA-256", encoder.encode(encryptKey)), { name: "AES-CBC" }, false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv }, key, encoder.encode(JSON.stringify(payload))));
  return btoa(String.fromCharCode(...iv, ...cipher));
}

export async function postFeishu(payload: unknown, options: { ts?: string; sign?: boolean; signature?: string; encryptKey?: string } = {}) {
  const body = JSON.stringify({ encrypt: await feishuEncrypt(payload, options.encryptKey) });
  const ts = options.ts ?? nowSeconds();
  const nonce = crypto.randomUUID();
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.sign !== false) {
    headers["x-lark-request-timestamp"] = ts;
    headers["x-lark-request-nonce"] = nonce;
    headers["x-lark-signature"] = options.signature ?? hex(await crypto.subtle.digest("SHA-256", encoder.encode(`${ts}${nonce}${FEISHU_ENCRYPT_KEY}${body}`)));
  }
  return request("/webhooks/feishu", { method: "POST", headers, body });
}

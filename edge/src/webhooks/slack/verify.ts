import { secretsMatch } from "../constant-time.ts";
import { freshTimestamp, hex, utf8 } from "../replay-window.ts";

/**
 * Slack's v0 signature: `v0=` + hex HMAC-SHA256(signing secret, `v0:<timestamp>:<raw body>`),
 * with the timestamp within five minutes.
 */
export async function verifySlack(rawBody: string, timestamp: string | undefined, signature: string | undefined, signingSecret: string | undefined, nowMs = Date.now()): Promise<boolean> {
  if (!signingSecret || !signature || !freshTimestamp(timestamp, nowMs)) return false;
  const key = await crypto.subtle.importKey("raw", utf8(signingSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const expected = `v0=${hex(await crypto.subtle.sign("HMAC", key, utf8(`v0:${timestamp}:${rawBody}`)))}`;
  return secretsMatch(signature, expected);
}

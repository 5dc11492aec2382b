import { createHmac, timingSafeEqual } from "node:crypto";

/** Plain-HTTP runtime authentication: HMAC-SHA256 over `<timestamp>.<body>`, five-minute window. */
export const SIGNATURE_HEADER = "x-clawgate-signature";
export const TIMESTAMP_HEADER = "x-clawgate-timestamp";
const WINDOW_SECONDS = 300;

export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function verifyBody(secret: string, headers: { signature?: string; timestamp?: string }, body: string, now = Date.now()): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > WINDOW_SECONDS) return false;
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

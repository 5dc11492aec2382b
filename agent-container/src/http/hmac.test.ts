import { describe, expect, it } from "vitest";
import { signBody, verifyBody } from "./hmac.ts";

const secret = "runtime-secret-0123456789";
const body = JSON.stringify({ turnId: "turn-1", message: "who are you?" });
const now = Date.UTC(2026, 10, 21, 14, 8, 0);
const ts = Math.floor(now / 1000);

describe("HMAC invocation signatures", () => {
  it("accepts a valid signature", () => {
    const signature = signBody(secret, ts, body);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyBody(secret, { signature, timestamp: String(ts) }, body, now)).toBe(true);
  });

  it("accepts a timestamp skewed by less than five minutes either way", () => {
    for (const skew of [-299, 299]) {
      const t = ts + skew;
      expect(verifyBody(secret, { signature: signBody(secret, t, body), timestamp: String(t) }, body, now), String(skew)).toBe(true);
    }
  });

  it("rejects a tampered body", () => {
    const signature = signBody(secret, ts, body);
    expect(verifyBody(secret, { signature, timestamp: String(ts) }, body.replace("who", "how"), now)).toBe(false);
    expect(verifyBody(secret, { signature, timestamp: String(ts) }, `${body} `, now)).toBe(false);
  });

  it("rejects a signature made with another secret", () => {
    const signature = signBody("another-secret", ts, body);
    expect(verifyBody(secret, { signature, timestamp: String(ts) }, body, now)).toBe(false);
  });

  it("rejects a stale (or future) timestamp, even when correctly signed", () => {
    for (const skew of [-360, 360]) {
      const t = ts + skew;
      expect(verifyBody(secret, { signature: signBody(secret, t, body), timestamp: String(t) }, body, now), String(skew)).toBe(false);
    }
  });

  it("rejects a signature replayed with a different timestamp", () => {
    const signature = signBody(secret, ts - 400, body);
    expect(verifyBody(secret, { signature, timestamp: String(ts) }, body, now)).toBe(false);
  });

  it("rejects missing or malformed headers", () => {
    const signature = signBody(secret, ts, body);
    expect(verifyBody(secret, {}, body, now)).toBe(false);
    expect(verifyBody(secret, { timestamp: String(ts) }, body, now)).toBe(false);
    expect(verifyBody(secret, { signature }, body, now)).toBe(false);
    expect(verifyBody(secret, { signature: "", timestamp: String(ts) }, body, now)).toBe(false);
    expect(verifyBody(secret, { signature, timestamp: "not-a-number" }, body, now)).toBe(false);
    expect(verifyBody(secret, { signature, timestamp: `${ts}.5` }, body, now)).toBe(false);
    expect(verifyBody(secret, { signature: signature.slice(0, -1), timestamp: String(ts) }, body, now)).toBe(false);
    expect(verifyBody(secret, { signature: signature.toUpperCase(), timestamp: String(ts) }, body, now)).toBe(false);
  });

  it("uses the current time by default", () => {
    const t = Math.floor(Date.now() / 1000);
    expect(verifyBody(secret, { signature: signBody(secret, t, body), timestamp: String(t) }, body)).toBe(true);
    const stale = t - 360;
    expect(verifyBody(secret, { signature: signBody(secret, stale, body), timestamp: String(stale) }, body)).toBe(false);
  });
});

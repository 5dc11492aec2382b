import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { IP_MAX_FAILURES, IP_WINDOW_MS, ipRetryAfterSeconds } from "../src/auth/ip-login-limit.ts";
import { login } from "./auth-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";

const fromIp = (ip: string) => ({ "cf-connecting-ip": ip });

/** A minute into a fixed window, so a test's failures never straddle two windows. */
function freezeClockInsideAWindow() {
  vi.useFakeTimers({ toFake: ["Date"] });
  const now = Date.now();
  vi.setSystemTime(now - (now % IP_WINDOW_MS) + 60_000);
}

describe("per-IP sign-in limit", () => {
  beforeAll(seedAcme);
  afterEach(() => vi.useRealTimers());

  it("blocks an address after 20 failed sign-ins across accounts, even with the right password", async () => {
    freezeClockInsideAWindow();
    const attacker = "203.0.113.7";
    for (let i = 0; i < IP_MAX_FAILURES; i++) {
      expect((await login(`emp-guess-${i}`, "Spring2026!", fromIp(attacker))).status).toBe(401);
    }
    const windows = await testEnv.DB.prepare("SELECT window_start, failures FROM login_failures_by_ip WHERE ip = ?").bind(attacker).all();
    expect(windows.results).toEqual([{ window_start: new Date(Date.now() - 60_000).toISOString(), failures: IP_MAX_FAILURES }]);
    const blocked = await login("emp-carol", "acme-demo", fromIp(attacker));
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ error: { code: "rate_limited" } });
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(IP_WINDOW_MS / 1000);
    expect(blocked.headers.get("set-cookie")).toBeNull();

    // Another address, and the same account from it, are unaffected.
    expect((await login("emp-carol", "acme-demo", fromIp("198.51.100.20"))).status).toBe(200);
    const audited = await testEnv.DB.prepare("SELECT detail FROM audit_events WHERE type = 'auth.login_rate_limited'").all<{ detail: string }>();
    expect(audited.results.map((r) => JSON.parse(r.detail))).toContainEqual({ ip: attacker });
  });

  it("lifts the block when the window ends", async () => {
    freezeClockInsideAWindow();
    const ip = "203.0.113.8";
    for (let i = 0; i < IP_MAX_FAILURES; i++) await login(`emp-guess-${i}`, "x", fromIp(ip));
    const now = Date.now();
    expect(await ipRetryAfterSeconds(testEnv.DB, ip, now)).toBeGreaterThan(0);
    expect(await ipRetryAfterSeconds(testEnv.DB, ip, now + IP_WINDOW_MS)).toBe(0);
  });

  it("does not count successful sign-ins", async () => {
    const office = "192.0.2.50";
    for (let i = 0; i < IP_MAX_FAILURES + 2; i++) expect((await login("emp-ryan", "acme-demo", fromIp(office))).status).toBe(200);
  });
});

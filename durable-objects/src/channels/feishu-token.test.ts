import { describe, expect, it } from "vitest";
import { cachedFeishuToken, forgetFeishuToken, TOKEN_RENEW_MARGIN_S } from "./feishu-token.ts";

/** A fake token endpoint that counts requests and issues numbered tokens. */
function tokenEndpoint(expireSeconds = 7200) {
  const endpoint = {
    requests: 0,
    fetch: async () => {
      endpoint.requests += 1;
      return { token: `t-${endpoint.requests}`, expireSeconds };
    },
  };
  return endpoint;
}

let n = 0;
const freshKey = () => `test-app-${n++}`;

describe("Feishu tenant_access_token cache", () => {
  it("fetches once and reuses the token until shortly before it expires", async () => {
    const key = freshKey();
    const endpoint = tokenEndpoint(7200);
    const t0 = 1_000_000;
    expect(await cachedFeishuToken(key, endpoint.fetch, t0)).toBe("t-1");
    expect(await cachedFeishuToken(key, endpoint.fetch, t0 + 60_000)).toBe("t-1");
    expect(await cachedFeishuToken(key, endpoint.fetch, t0 + (7200 - TOKEN_RENEW_MARGIN_S) * 1000 - 1)).toBe("t-1");
    expect(endpoint.requests).toBe(1);
    expect(await cachedFeishuToken(key, endpoint.fetch, t0 + (7200 - TOKEN_RENEW_MARGIN_S) * 1000)).toBe("t-2");
    expect(endpoint.requests).toBe(2);
  });

  it("concurrent senders share one request", async () => {
    const key = freshKey();
    const endpoint = tokenEndpoint();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => cachedFeishuToken(key, endpoint.fetch)));
    expect(new Set(tokens)).toEqual(new Set(["t-1"]));
    expect(endpoint.requests).toBe(1);
  });

  it("keeps apps apart, forgets a refused token, and never caches a failure", async () => {
    const [a, b] = [freshKey(), freshKey()];
    const endpoint = tokenEndpoint();
    expect(await cachedFeishuToken(a, endpoint.fetch)).toBe("t-1");
    expect(await cachedFeishuToken(b, endpoint.fetch)).toBe("t-2");
    forgetFeishuToken(a, "not-the-cached-one");
    expect(await cachedFeishuToken(a, endpoint.fetch)).toBe("t-1");
    forgetFeishuToken(a, "t-1");
    expect(await cachedFeishuToken(a, endpoint.fetch)).toBe("t-3");

    const c = freshKey();
    await expect(cachedFeishuToken(c, () => Promise.reject(new Error("Feishu down")))).rejects.toThrow("Feishu down");
    expect(await cachedFeishuToken(c, endpoint.fetch)).toBe("t-4");
  });
});

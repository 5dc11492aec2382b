/**
 * Feishu's tenant_access_token lasts about two hours; fetching one per message would double the
 * calls and run into Feishu's rate limit on the token endpoint. One token per app is kept in the
 * isolate (shared by every ChannelIdentity in it) until shortly before it expires. Concurrent
 * senders share one request.
 */
export interface FeishuToken {
  token: string;
  /** Seconds the token is valid for, as Feishu said when issuing it. */
  expireSeconds: number;
}

/** Renewed this long before Feishu's stated expiry, so a token never dies in flight. */
export const TOKEN_RENEW_MARGIN_S = 300;

interface Entry {
  token: Promise<string>;
  /** The token once it arrived. */
  value?: string;
  /** ms since epoch after which the token is not handed out any more. */
  usableUntil: number;
}

const tokens = new Map<string, Entry>();

/** The cached token for `key` (app and API base), or a fresh one from `fetchToken`. */
export async function cachedFeishuToken(key: string, fetchToken: () => Promise<FeishuToken>, now = Date.now()): Promise<string> {
  const entry = tokens.get(key);
  if (entry && now < entry.usableUntil) return entry.token;
  const fresh: Entry = { token: Promise.resolve(""), usableUntil: Number.POSITIVE_INFINITY };
  fresh.token = fetchToken().then(
    ({ token, expireSeconds }) => {
      fresh.usableUntil = now + Math.max(expireSeconds - TOKEN_RENEW_MARGIN_S, 0) * 1000;
      fresh.value = token;
      return token;
    },
    (error: unknown) => {
      if (tokens.get(key) === fresh) tokens.delete(key);
      throw error;
    },
  );
  tokens.set(key, fresh);
  return fresh.token;
}

/** Forgets a token Feishu refused (revoked, app secret rotated), so the next send fetches a new one. */
export function forgetFeishuToken(key: string, token: string): void {
  if (tokens.get(key)?.value === token) tokens.delete(key);
}

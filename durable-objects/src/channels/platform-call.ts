const MAX_ATTEMPTS = 4;
const BACKOFF_MS = [500, 1500, 4000];
// A longer Retry-After is not waited out inside one delivery; the outbox retries the entry later.
const MAX_RETRY_AFTER_S = 30;

/** An IM platform API call failed for good (a 4xx other than 429) or after every retry. */
export class PlatformApiError extends Error {
  readonly status: number;
  readonly retryable: boolean;
  constructor(message: string, status: number, retryable: boolean) {
    super(message);
    this.name = "PlatformApiError";
    this.status = status;
    this.retryable = retryable;
  }
}

export interface PlatformAnswer {
  /** The call succeeded by the platform's own measure (Slack and Telegram say `ok`, Feishu `code: 0`). */
  ok: boolean;
  description?: string;
  /** Seconds to wait, from the body (Telegram's parameters.retry_after); the Retry-After header is read too. */
  retryAfter?: number;
  body: unknown;
}

/**
 * One outbound call with retries: a 429 waits what the platform asks, 5xx and network errors back
 * off; anything else fails at once.
 */
export async function platformCall(label: string, request: () => Request, read: (res: Response, body: unknown) => PlatformAnswer): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    let failure: PlatformApiError;
    let waitMs = BACKOFF_MS[attempt - 1] ?? 4000;
    try {
      const res = await fetch(request());
      const answer = read(res, await res.json().catch(() => ({})));
      if (res.ok && answer.ok) return answer.body;
      const description = `${label}: ${answer.description ?? `HTTP ${res.status}`}`;
      if (res.status === 429) {
        const retryAfter = answer.retryAfter ?? Number(res.headers.get("retry-after") ?? 1);
        failure = new PlatformApiError(description, 429, true);
        if (!(retryAfter <= MAX_RETRY_AFTER_S)) throw failure;
        waitMs = Math.max(retryAfter, 0) * 1000;
      } else {
        failure = new PlatformApiError(description, res.status, res.status >= 500);
      }
    } catch (error) {
      if (error instanceof PlatformApiError) throw error;
      failure = new PlatformApiError(`${label}: ${error instanceof Error ? error.message : String(error)}`, 0, true);
    }
    if (!failure.retryable || attempt >= MAX_ATTEMPTS) throw failure;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

export const jsonRequest = (url: string, body: unknown, headers: Record<string, string> = {}) => () =>
  new Request(url, { method: "POST", headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) });

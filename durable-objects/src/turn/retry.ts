import { RuntimeError } from "../runtime/types.ts";

const MAX_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [500, 2000];

/**
 * Invokes the runtime up to three times, 0.5 s then 2 s apart, while the failure is retryable and
 * `mayRetry` still holds (once text reached the user a retry would repeat it; report instead).
 */
export async function invokeWithRetries<T>(invoke: () => Promise<T>, mayRetry: () => boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await invoke();
    } catch (error) {
      const retryable = !(error instanceof RuntimeError) || error.retryable;
      if (!retryable || !mayRetry() || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt - 1] ?? 2000));
    }
  }
}

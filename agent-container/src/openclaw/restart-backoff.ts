/** When to restart a crashed gateway: exponential, capped, and forgiven after a healthy stretch. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** A process that stayed healthy this long starts the count afresh when it dies. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

/** Delay before restart number `failures` (1 = the first restart after a run of failures). */
export function restartDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(exponent, 30));
}

/** The failure count after a process exits, given how long it had been healthy (null: never). */
export function failuresAfterExit(previous: number, healthyForMs: number | null, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return healthyForMs !== null && healthyForMs >= policy.resetAfterMs ? 1 : previous + 1;
}

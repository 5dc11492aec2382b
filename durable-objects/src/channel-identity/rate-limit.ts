/**
 * Per-account flood limit on IM ingress (DESIGN §6), counted in the account's ChannelIdentity: it
 * already serialises the account, so the count is exact without a D1 round trip. Fixed one-minute
 * windows; retries of a seen event are deduped before they are counted.
 */
export const CHANNEL_WINDOW_MS = 60_000;
export const CHANNEL_MESSAGES_PER_WINDOW = 30;

export const SLOW_DOWN =
  "You are sending messages faster than your ClawGate agent can take them. Messages sent in the next minute are not processed; please wait a moment and try again.";

/** What to do with the nth message of a window: process it, tell the sender once, or drop it quietly. */
export type RateVerdict = "allowed" | "first_refusal" | "refused";

export const windowStartOf = (now: number) => now - (now % CHANNEL_WINDOW_MS);

export function verdictFor(countInWindow: number): RateVerdict {
  if (countInWindow <= CHANNEL_MESSAGES_PER_WINDOW) return "allowed";
  return countInWindow === CHANNEL_MESSAGES_PER_WINDOW + 1 ? "first_refusal" : "refused";
}

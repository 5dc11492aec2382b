/** How long the ingress waits for an account's ChannelIdentity before failing closed. */
const IDENTITY_TIMEOUT_MS = 5_000;

/** Said when the account's ChannelIdentity cannot be reached: how to pair, never anything from an agent. */
export const PAIRING_INSTRUCTIONS_FALLBACK =
  "This bot connects you to your ClawGate agent, but it cannot check this account's pairing right now. If you have not paired yet, open the ClawGate portal and choose Channels → Connect; otherwise please try again in a minute.";

export function withTimeout<T>(promise: Promise<T>, ms = IDENTITY_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import { IDEMPOTENT_SENDS } from "../channels/outbound.ts";
import type { ChannelPlatform } from "./inbound.ts";
import type { OutboxKind } from "./identity-store.ts";

/**
 * The policy for a piece of text whose send was cut off by a crash or reset of the object: it
 * was marked "sending" before the platform call and never marked sent, so the platform may or may
 * not have shown it. Every other piece is sent exactly once (progress is stored per piece).
 *
 * - Where the platform drops repeats by our key (Feishu), the piece is simply sent again:
 *   exactly once either way.
 * - An agent's reply elsewhere is never sent again (at most once): a repeated answer reads as the
 *   agent saying or doing something twice, and the full answer is in the portal's transcript of
 *   the same session. The piece is replaced by a short notice saying so, so the message is still
 *   answered and nothing goes missing silently.
 * - Our own texts (pairing instructions, confirmations) are sent again (at least once): a lost
 *   confirmation prompt would strand the pairing, a repeated one is harmless.
 */
export type InterruptedPolicy = "resend" | "notify";

export function interruptedPolicy(platform: ChannelPlatform, kind: OutboxKind): InterruptedPolicy {
  return IDEMPOTENT_SENDS[platform] || kind !== "reply" ? "resend" : "notify";
}

export const REPLY_INTERRUPTED =
  "(Part of your agent's answer may not have arrived here: the service restarted while sending it. The full answer is in your ClawGate portal chat.)";

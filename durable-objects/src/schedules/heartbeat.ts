import { isSilentReply } from "./silent-reply.ts";

/**
 * The agent's heartbeat: a periodic turn on the `scheduled` path, stored as a schedule of kind
 * `heartbeat` under this id so the same alarm fires it. Follows OpenClaw 2026.9.2's heartbeat
 * contract (docs/gateway/heartbeat.md): nothing to report is a reply of NO_REPLY (or the legacy
 * HEARTBEAT_OK), and instructions that are effectively empty skip the run to save model calls.
 */
export const HEARTBEAT_SCHEDULE_ID = "heartbeat";
export const DEFAULT_HEARTBEAT_MINUTES = 30;

/** OpenClaw drops a reply whose HEARTBEAT_OK acknowledgment leaves at most this many characters. */
const ACK_MAX_CHARS = 300;

/** Whether a heartbeat reply means "nothing to report": silent, or a HEARTBEAT_OK acknowledgment. */
export function isSilentHeartbeatReply(reply: string): boolean {
  if (isSilentReply(reply)) return true;
  const text = reply.trim();
  const ack = "HEARTBEAT_OK";
  if (text.startsWith(ack)) return text.slice(ack.length).trim().length <= ACK_MAX_CHARS;
  if (text.endsWith(ack)) return text.slice(0, -ack.length).trim().length <= ACK_MAX_CHARS;
  return false;
}

/**
 * Whether HEARTBEAT.md asks for anything: blank lines, HTML comments, headings, fence markers and
 * empty checklist items do not (OpenClaw's "effectively empty").
 */
export function hasHeartbeatInstructions(text: string): boolean {
  return text
    .replace(/<!--[\s\S]*?-->/g, "")
    .split("\n")
    .map((line) => line.trim())
    .some((line) => line !== "" && !/^#{1,6}(\s|$)/.test(line) && !/^(```|~~~)/.test(line) && !/^[-*+]\s*(\[[ xX]?\])?\s*$/.test(line));
}

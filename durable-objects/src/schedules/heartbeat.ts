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

/**
 * What OpenClaw's OpenAI-compatible endpoint (which the container talks to) answers for a turn
 * whose reply it dropped as silent, NO_REPLY included (dist/openai-http-*.js, resolveAgentResponseText);
 * seen through the real container in tests/integration/heartbeat.test.ts.
 */
const OPENCLAW_NO_RESPONSE = "No response from OpenClaw.";

/** Whether a heartbeat reply means "nothing to report": not delivered, not put in the inbox. */
export function isSilentHeartbeatReply(reply: string): boolean {
  const text = reply.trim();
  if (text === "" || text === "NO_REPLY" || text === OPENCLAW_NO_RESPONSE) return true;
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

/**
 * What OpenClaw's OpenAI-compatible endpoint (which the container talks to) answers for a turn
 * whose reply it dropped as silent, NO_REPLY included (dist/openai-http-*.js, resolveAgentResponseText);
 * seen through the real container in tests/integration/heartbeat.test.ts.
 */
const OPENCLAW_NO_RESPONSE = "No response from OpenClaw.";

/**
 * Whether a scheduled run's reply is OpenClaw's "nothing to say" (NO_REPLY, its placeholder once
 * it dropped one, or nothing at all): such a run is recorded but not delivered, nor put in the inbox.
 */
export function isSilentReply(reply: string): boolean {
  const text = reply.trim();
  return text === "" || text === "NO_REPLY" || text === OPENCLAW_NO_RESPONSE;
}

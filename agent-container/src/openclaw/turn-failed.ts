/**
 * A turn reached the agent runtime but could not complete: the model failed, OpenClaw failed or
 * went away mid-turn, or the gateway was not ready in time. The caller gets a result with
 * `status: "error"` and this message, never an HTTP 5xx: AgentCore reads 5xx as "container broken".
 */
export class TurnFailed extends Error {
  override readonly name = "TurnFailed";
}

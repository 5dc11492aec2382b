import type { AccessPath } from "@clawgate/contracts";

export interface TurnInput {
  employeeId: string;
  accessPath: AccessPath;
  /** Idempotency key: the same id twice yields one turn and one reply. */
  sourceMessageId: string;
  message: string;
  /**
   * A session of its own within the access path: each twin visitor and each playground operator
   * talks to the agent in a separate runtime session, so one never sees another's conversation.
   */
  sessionKey?: string;
}

/**
 * Twin turns waiting or running at once, per employee: a public link must not fill the employee's
 * own queue (turns run one at a time). Beyond this, `stream`/`send` throw TWIN_QUEUE_FULL.
 */
export const MAX_PENDING_TWIN_TURNS = 3;
export const TWIN_QUEUE_FULL = "twin_queue_full";

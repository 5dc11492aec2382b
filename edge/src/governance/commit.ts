import { ApiFailure } from "../http/errors.ts";

/**
 * Runs a change as one D1 batch (a transaction). A constraint the caller names (a unique pattern,
 * one budget per scope) answers 409 with its message, and nothing is written.
 */
export async function commitOrConflict(db: D1Database, statements: D1PreparedStatement[], conflicts: Record<string, string>): Promise<void> {
  try {
    await db.batch(statements);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const [constraint, explanation] of Object.entries(conflicts)) {
      if (message.includes(`UNIQUE constraint failed: ${constraint}`)) throw new ApiFailure(409, "conflict", explanation);
    }
    throw error;
  }
}

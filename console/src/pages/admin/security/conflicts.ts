import { ApiError } from "../../../api.ts";

/** A guarded delete's 409, with what stands in the way when the server names it; null for any other failure. */
export function conflictOf(err: unknown): { message: string; details: Record<string, unknown> } | null {
  return err instanceof ApiError && err.status === 409 ? { message: err.message, details: err.details } : null;
}

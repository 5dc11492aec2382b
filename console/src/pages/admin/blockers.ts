import { ApiError } from "../../api.ts";

/** Turns a guarded delete's 409 into what the admin has to do first. */
export function explainDeleteFailure(err: unknown): string {
  if (err instanceof ApiError && err.status === 409) {
    const blockers = err.details["blockers"] as { employees?: number; departments?: number; positions?: number } | undefined;
    if (blockers) {
      const parts = [
        blockers.employees ? `${blockers.employees} employee(s)` : null,
        blockers.departments ? `${blockers.departments} sub-department(s)` : null,
        blockers.positions ? `${blockers.positions} position(s)` : null,
      ].filter(Boolean);
      if (parts.length) return `Not deleted: it still has ${parts.join(", ")}. Move or delete them first.`;
    }
  }
  return err instanceof Error && err.message ? err.message : "Could not delete it.";
}

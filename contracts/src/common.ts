import { z } from "zod";

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected a lowercase hex SHA-256");

/** Every way of talking to an agent becomes a turn on one of these paths (DESIGN §4). */
export const AccessPath = z.enum(["employee", "playground", "twin", "admin", "scheduled"]);
export type AccessPath = z.infer<typeof AccessPath>;

/** Paths whose turns may write the employee's memory back; the others only read it. */
export const MEMORY_WRITING_PATHS: readonly AccessPath[] = ["employee", "scheduled"];

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;

import { z } from "zod";

/** Memory files the employee edits in the portal; the others (MEMORY.md, memory/*.md) are the agent's own. */
export const EDITABLE_MEMORY_FILES = ["USER.md", "HEARTBEAT.md"] as const;
export const EditableMemoryFile = z.enum(EDITABLE_MEMORY_FILES);
export type EditableMemoryFile = z.infer<typeof EditableMemoryFile>;

/** Largest memory file the portal accepts, in UTF-8 bytes. */
export const MAX_MEMORY_FILE_BYTES = 64 * 1024;

/** The agent's memory files in its current checkpoint, as the employee's profile page shows them. */
export const MemoryView = z
  .object({
    files: z.array(z.object({ path: z.string(), text: z.string(), bytes: z.number().int() })),
    /** When the current checkpoint was written; null before any memory was written. */
    updatedAt: z.string().nullable(),
  })
  .meta({ id: "MemoryView" });
export type MemoryView = z.infer<typeof MemoryView>;

export const MemoryFileUpdate = z
  .object({
    text: z.string().refine((text) => new TextEncoder().encode(text).byteLength <= MAX_MEMORY_FILE_BYTES, { message: `at most ${MAX_MEMORY_FILE_BYTES} bytes (64 KiB) of UTF-8` }),
  })
  .meta({ id: "MemoryFileUpdate" });
export type MemoryFileUpdate = z.infer<typeof MemoryFileUpdate>;

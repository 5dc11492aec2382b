import { z } from "zod";
import { Sha256 } from "./common.ts";

/**
 * The SOUL editor API: three layers (global, position, personal), each a history of versions.
 * Texts are stored in R2 by SHA-256, versions in D1; every change is a new version.
 */

export const SoulLayerKind = z.enum(["global", "position", "personal"]).meta({ id: "SoulLayerKind" });
export type SoulLayerKind = z.infer<typeof SoulLayerKind>;

/** Large enough for a detailed persona, small enough that every agent's prompt stays lean. */
export const SOUL_MAX_BYTES = 64 * 1024;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Line endings are normalised so that an edit from another platform is not a whole-text change. */
export const SoulText = z
  .string()
  .transform((text) => text.replace(/\r\n?/g, "\n"))
  .refine((text) => utf8Bytes(text) <= SOUL_MAX_BYTES, `must be at most ${SOUL_MAX_BYTES / 1024} KiB of UTF-8`)
  // eslint-disable-next-line no-control-regex -- exactly what is refused: control characters other than tab and newline
  .refine((text) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), "must not contain control characters other than tab and newline");

/** 0 means "no version yet": the first update of a layer sends baseVersion 0. */
const Version = z.number().int().min(0);
const StoredVersion = z.coerce.number().int().min(1);

export const SoulVersion = z
  .object({
    version: z.number().int(),
    sha256: Sha256,
    size: z.number().int().describe("bytes of UTF-8"),
    /** Employee id of who wrote it, or `seed`. */
    author: z.string(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "SoulVersion" });
export type SoulVersion = z.infer<typeof SoulVersion>;

export const SoulLayer = z
  .object({
    layer: SoulLayerKind,
    /** `*` for the global layer, else the position or employee id. */
    scopeId: z.string(),
    /** The latest version's number; 0 while the layer has none. */
    currentVersion: z.number().int(),
    /** The version shown: the latest unless `?version=` asked for another; null while the layer has none. */
    version: SoulVersion.nullable(),
    text: z.string(),
    /** Agents whose next turn a change of this layer reaches (global: everyone; position: its holders; personal: 1). */
    affectedAgents: z.number().int(),
  })
  .meta({ id: "SoulLayer" });
export type SoulLayer = z.infer<typeof SoulLayer>;

export const SoulReadQuery = z.object({ version: StoredVersion.optional() });

export const SoulHistory = z
  .object({ layer: SoulLayerKind, scopeId: z.string(), versions: z.array(SoulVersion).describe("newest first") })
  .meta({ id: "SoulHistory" });
export type SoulHistory = z.infer<typeof SoulHistory>;

export const SoulDiffQuery = z.object({
  /** Defaults to the version before `to`. */
  from: StoredVersion.optional(),
  /** Defaults to the latest version. */
  to: StoredVersion.optional(),
});

export const SoulDiff = z
  .object({
    layer: SoulLayerKind,
    scopeId: z.string(),
    from: z.number().int().describe("0: the empty text before the first version"),
    to: z.number().int(),
    /** A unified line diff (`---`/`+++` headers, `@@` hunks, 3 lines of context). */
    unified: z.string(),
    additions: z.number().int(),
    deletions: z.number().int(),
  })
  .meta({ id: "SoulDiff" });
export type SoulDiff = z.infer<typeof SoulDiff>;

export const UpdateSoul = z.object({
  text: SoulText,
  /** The version the edit was made on; a stale one answers 409 with `error.currentVersion`. */
  baseVersion: Version,
});
export type UpdateSoul = z.infer<typeof UpdateSoul>;

export const RevertSoul = z.object({
  /** The version whose text becomes the new latest version. */
  version: z.number().int().min(1),
  baseVersion: Version,
});
export type RevertSoul = z.infer<typeof RevertSoul>;

export const SoulChange = z
  .object({
    layer: SoulLayerKind,
    scopeId: z.string(),
    /** False when the text equals the latest version's: nothing was written. */
    changed: z.boolean(),
    fromVersion: z.number().int(),
    version: z.number().int(),
    sha256: Sha256,
    size: z.number().int(),
    affectedAgents: z.number().int(),
  })
  .meta({ id: "SoulChange" });
export type SoulChange = z.infer<typeof SoulChange>;

import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";
import type { SoulDiff } from "@clawgate/contracts";
import type { Env } from "@clawgate/durable-objects";
import { invalidRequest } from "../http/errors.ts";
import { latestVersionNumber, versionText, type LayerRef } from "./layers.ts";

/**
 * A unified line diff between two versions of a layer (jsdiff). `to` defaults to the latest
 * version and `from` to the one before it, so a bare request shows the last change.
 */
export async function layerDiff(env: Env, ref: LayerRef, query: { from?: number | undefined; to?: number | undefined }): Promise<SoulDiff> {
  const to = query.to ?? (await latestVersionNumber(env.DB, ref));
  const from = query.from ?? Math.max(0, to - 1);
  if (to === 0) throw invalidRequest([{ path: "to", message: "this layer has no versions yet" }]);
  const [before, after] = await Promise.all([versionText(env, ref, from), versionText(env, ref, to)]);
  const patch = structuredPatch(`SOUL.md@${from}`, `SOUL.md@${to}`, before, after, "", "", { context: 3 });
  const lines = patch.hunks.flatMap((h) => h.lines);
  return {
    layer: ref.kind,
    scopeId: ref.scopeId,
    from,
    to,
    unified: patch.hunks.length ? formatPatch(patch, FILE_HEADERS_ONLY) : "",
    additions: lines.filter((l) => l.startsWith("+")).length,
    deletions: lines.filter((l) => l.startsWith("-")).length,
  };
}

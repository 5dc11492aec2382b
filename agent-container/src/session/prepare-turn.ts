import { canonicalJson, planBlobHashes, WorkspacePlanBody, type InvocationRequest, type WorkspacePlan } from "@clawgate/contracts";
import { BlobHashMismatch, sha256, type BlobStore } from "../workspace/blob-store.ts";

/** A turn whose plan and blobs are all held: ready to assemble and run. */
export interface PreparedTurn {
  turnId: string;
  sessionId: string;
  message: string;
  plan: WorkspacePlan;
}

export type Prepared = { needBlobs: string[] } | { ready: PreparedTurn };

/**
 * Content-addressed push, runtime side (DESIGN §5): stores what the request carries, resolves the
 * plan by its version and reports what is still missing. A plan is held like a blob — its
 * canonical JSON under its planVersion — so a warm session is sent the version alone.
 */
export async function prepareTurn(store: BlobStore, request: InvocationRequest): Promise<Prepared> {
  const { planVersion } = request;
  const entries: Array<[string, string]> = Object.entries(request.blobs);
  if (request.plan) {
    const text = canonicalJson(request.plan);
    if (sha256(text) !== planVersion) throw new BlobHashMismatch(`the plan does not match its planVersion ${planVersion.slice(0, 12)}…`);
    entries.push([planVersion, text]);
  }
  await store.putAll(entries);

  const plan = await heldPlan(store, planVersion);
  if (!plan) return { needBlobs: [planVersion] };
  const needBlobs = await store.missing(planBlobHashes(plan));
  if (needBlobs.length) return { needBlobs };
  return { ready: { turnId: request.turnId, sessionId: request.sessionId, message: request.message, plan } };
}

async function heldPlan(store: BlobStore, planVersion: string): Promise<WorkspacePlan | null> {
  const text = await store.get(planVersion);
  if (text === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A content blob, not a plan: the caller named the wrong hash, so it must send the plan.
    return null;
  }
  const body = WorkspacePlanBody.safeParse(json);
  return body.success ? { ...body.data, planVersion } : null;
}

import { InvocationResult, NeedBlobs, planBlobHashes, ToolEvent, type InvocationRequest, type WorkspacePlan } from "@clawgate/contracts";
import type { RuntimeClient } from "../runtime/types.ts";
import { readSse } from "@clawgate/contracts";

export interface InvokeEvents {
  onDelta?: (text: string) => void;
  onTool?: (event: ToolEvent) => void;
}

export interface InvokeInput {
  turnId: string;
  sessionId: string;
  message: string;
  plan: WorkspacePlan;
  /** What this runtime session is known to hold; kept current as the runtime answers. */
  held: HeldContent;
  blob: (hash: string) => Promise<string>;
}

/**
 * Content addresses (blob hashes and plan versions) one runtime session is believed to hold. A
 * hint, never trusted: the runtime says `needBlobs` when it is wrong.
 */
export interface HeldContent {
  has(hash: string): boolean;
  replace(hashes: readonly string[]): void;
}

/**
 * Content is pushed by hash, the plan included: the plan body and the blobs the runtime is not
 * known to hold go inline. If it lacks some (a fresh microVM), it answers `needBlobs` and we
 * re-send, once: exactly the blobs it named, or — when it names the plan version, meaning it lost
 * everything — the plan with every blob.
 */
export async function invokeRuntime(client: RuntimeClient, input: InvokeInput, events: InvokeEvents = {}): Promise<InvocationResult> {
  const { planVersion, ...planBody } = input.plan;
  const hashes = planBlobHashes(planBody);
  let sendPlan = !input.held.has(planVersion);
  let inline = hashes.filter((h) => !input.held.has(h));
  for (let round = 0; round < 2; round++) {
    const blobs: Record<string, string> = {};
    for (const hash of inline) blobs[hash] = await input.blob(hash);
    const request: InvocationRequest = {
      turnId: input.turnId,
      sessionId: input.sessionId,
      message: input.message,
      planVersion,
      ...(sendPlan ? { plan: planBody } : {}),
      blobs,
    };
    const response = await client.invoke({ sessionId: input.sessionId, body: JSON.stringify(request), accept: "sse" });
    const type = response.headers.get("content-type") ?? "";
    const result = type.includes("text/event-stream") && response.body ? await readTurnStream(response.body, events) : await needOrResult(response);
    if ("needBlobs" in result) {
      input.held.replace([]);
      const lostPlan = result.needBlobs.includes(planVersion);
      const unknown = result.needBlobs.filter((h) => h !== planVersion && !hashes.includes(h));
      if (unknown.length) throw new Error(`runtime asked for ${unknown.length} blob(s) the plan does not reference`);
      sendPlan = lostPlan;
      inline = lostPlan ? hashes : result.needBlobs;
      continue;
    }
    // It ran the turn, so it holds this plan, its blobs and whatever memory the agent wrote.
    input.held.replace([planVersion, ...hashes, ...result.memoryChanges.map((c) => c.sha256)]);
    return result;
  }
  throw new Error("runtime kept asking for content it was sent");
}

async function needOrResult(response: Response): Promise<NeedBlobs | InvocationResult> {
  const body: unknown = await response.json();
  const need = NeedBlobs.safeParse(body);
  return need.success ? need.data : InvocationResult.parse(body);
}

async function readTurnStream(body: ReadableStream<Uint8Array>, events: InvokeEvents): Promise<InvocationResult> {
  for await (const event of readSse(body)) {
    const data: unknown = JSON.parse(event.data);
    if (event.event === "delta") events.onDelta?.((data as { text: string }).text);
    else if (event.event === "tool") events.onTool?.(ToolEvent.parse(data));
    else if (event.event === "result") return InvocationResult.parse(data);
    else if (event.event === "error") throw new Error(`runtime error: ${(data as { message?: string }).message ?? "unknown"}`);
  }
  throw new Error("runtime stream ended without a result");
}

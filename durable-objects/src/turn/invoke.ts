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
  /** Hashes this runtime session is already known to hold. */
  held: ReadonlySet<string>;
  blob: (hash: string) => Promise<string>;
}

/**
 * Content is pushed by hash: blobs the runtime is not known to hold go inline; if it still lacks
 * some (a fresh microVM), it answers `needBlobs` and we re-send exactly those, once.
 */
export async function invokeRuntime(client: RuntimeClient, input: InvokeInput, events: InvokeEvents = {}): Promise<InvocationResult> {
  let inline = planBlobHashes(input.plan).filter((h) => !input.held.has(h));
  for (let round = 0; round < 2; round++) {
    const blobs: Record<string, string> = {};
    for (const hash of inline) blobs[hash] = await input.blob(hash);
    const request: InvocationRequest = { turnId: input.turnId, sessionId: input.sessionId, message: input.message, plan: input.plan, blobs };
    const response = await client.invoke({ sessionId: input.sessionId, body: JSON.stringify(request), accept: "sse" });
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("text/event-stream") && response.body) return readTurnStream(response.body, events);
    const body: unknown = await response.json();
    const need = NeedBlobs.safeParse(body);
    if (need.success) {
      inline = need.data.needBlobs;
      continue;
    }
    return InvocationResult.parse(body);
  }
  throw new Error("runtime kept asking for blobs it was sent");
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

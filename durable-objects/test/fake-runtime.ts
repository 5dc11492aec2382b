import { InvocationRequest, planBlobHashes, type InvocationResult } from "@clawgate/contracts";
import { vi } from "vitest";
import { RUNTIME_URL } from "../../edge/test/seeded.ts";

/** Test-only fake of a plain HTTP agent runtime, at the fetch boundary. */
export interface FakeRuntime {
  invocations: InvocationRequest[];
  /** Per call: what to answer; defaults to an echo result. */
  respond: (request: InvocationRequest, call: number) => Response | Promise<Response>;
  restore: () => void;
}

export function echoResult(request: InvocationRequest, overrides: Partial<InvocationResult> = {}): InvocationResult {
  return {
    reply: `echo: ${request.message}`,
    usage: { inputTokens: 100, outputTokens: 20, model: "clawgate-offline" },
    toolEvents: [],
    memoryChanges: [],
    schedules: [],
    ...overrides,
  };
}

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export function sse(events: Array<[string, unknown]>): Response {
  const body = events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join("");
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

export function fakeRuntime(): FakeRuntime {
  const held = new Set<string>();
  const fake: FakeRuntime = {
    invocations: [],
    respond: (request) => {
      const missing = planBlobHashes(request.plan).filter((h) => !held.has(h));
      if (missing.length) return json({ needBlobs: missing });
      return sse([["delta", { text: "echo" }], ["result", echoResult(request)]]);
    },
    restore: () => spy.mockRestore(),
  };
  const original = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(RUNTIME_URL)) return original(input, init);
    const request = InvocationRequest.parse(JSON.parse(String(init?.body)));
    for (const [hash] of Object.entries(request.blobs)) held.add(hash);
    fake.invocations.push(request);
    return fake.respond(request, fake.invocations.length);
  });
  return fake;
}

import { InvocationRequest, planBlobHashes, type InvocationResult, type WorkspacePlanBody } from "@clawgate/contracts";
import { vi } from "vitest";
import { RUNTIME_URL } from "../../edge/test/seeded.ts";

/** Test-only fake of a plain HTTP agent runtime, at the fetch boundary. */
export interface FakeRuntime {
  invocations: InvocationRequest[];
  /** The raw request bodies, as sent. */
  bodies: string[];
  /** The plan of a request: inline, or held from an earlier one. */
  planOf: (request: InvocationRequest) => WorkspacePlanBody | undefined;
  /** A fresh microVM: every plan and blob it held is gone. */
  restart: () => void;
  /** Per call: what to answer; defaults to an echo result. */
  respond: (request: InvocationRequest, call: number) => Response | Promise<Response>;
  restore: () => void;
}

export function echoResult(request: InvocationRequest, overrides: Partial<InvocationResult> = {}): InvocationResult {
  return {
    status: "ok",
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
  const plans = new Map<string, WorkspacePlanBody>();
  const fake: FakeRuntime = {
    invocations: [],
    bodies: [],
    planOf: (request) => request.plan ?? plans.get(request.planVersion),
    restart: () => {
      held.clear();
      plans.clear();
    },
    respond: (request) => {
      const plan = fake.planOf(request);
      if (!plan) return json({ needBlobs: [request.planVersion] });
      const missing = planBlobHashes(plan).filter((h) => !held.has(h));
      if (missing.length) return json({ needBlobs: missing });
      return sse([["delta", { text: "echo" }], ["result", echoResult(request)]]);
    },
    restore: () => spy.mockRestore(),
  };
  const original = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(RUNTIME_URL)) return original(input, init);
    const body = String(init?.body);
    const request = InvocationRequest.parse(JSON.parse(body));
    for (const [hash] of Object.entries(request.blobs)) held.add(hash);
    if (request.plan) plans.set(request.planVersion, request.plan);
    fake.invocations.push(request);
    fake.bodies.push(body);
    return fake.respond(request, fake.invocations.length);
  });
  return fake;
}

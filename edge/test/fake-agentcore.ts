import { InvocationRequest } from "@clawgate/contracts";
import { vi } from "vitest";
import { echoResult, json } from "../../durable-objects/test/fake-runtime.ts";

/**
 * Test-only fake of the Bedrock AgentCore data plane, at the fetch boundary: InvokeAgentRuntime
 * (answers like a container that holds nothing it was not sent) and StopRuntimeSession. Each
 * request is recorded with what a SigV4 check needs.
 */
export interface AgentCoreCall {
  method: string;
  url: URL;
  /** `invocations` or `stopruntimesession`. */
  action: string;
  /** The runtime ARN, decoded from the path. */
  arn: string;
  sessionId: string | null;
  /** Credential scope of the SigV4 Authorization header: region and service. */
  signature: { region: string; service: string; signedHeaders: string[] } | null;
  body: unknown;
}

export interface FakeAgentCore {
  calls: AgentCoreCall[];
  /** Sessions with a live microVM: started by an invocation, ended by a stop. */
  live: Set<string>;
  restore: () => void;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/;

export function fakeAgentCore(): FakeAgentCore {
  const fake: FakeAgentCore = { calls: [], live: new Set(), restore: () => spy.mockRestore() };
  const held = new Map<string, Set<string>>();
  const original = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (!url.hostname.startsWith("bedrock-agentcore.")) return original(input, init);
    // The ARN arrives percent-encoded once; its ':' and '/' must not appear raw in the path.
    const match = /^\/runtimes\/([^/]+)\/([a-z]+)$/.exec(url.pathname);
    const auth = AUTH.exec(request.headers.get("authorization") ?? "");
    const text = await request.text();
    const call: AgentCoreCall = {
      method: request.method,
      url,
      action: match?.[2] ?? "",
      arn: decodeURIComponent(match?.[1] ?? ""),
      sessionId: request.headers.get("x-amzn-bedrock-agentcore-runtime-session-id"),
      signature: auth ? { region: auth[1]!, service: auth[2]!, signedHeaders: auth[3]!.split(";") } : null,
      body: text ? JSON.parse(text) : null,
    };
    fake.calls.push(call);
    if (!call.signature || !call.sessionId) return json({ message: "missing signature or session" }, 403);
    if (call.action === "stopruntimesession") {
      if (!fake.live.delete(call.sessionId)) return json({ message: "session not found" }, 404);
      held.delete(call.sessionId);
      return json({});
    }
    const invocation = InvocationRequest.parse(call.body);
    fake.live.add(call.sessionId);
    const plans = held.get(call.sessionId) ?? new Set<string>();
    held.set(call.sessionId, plans);
    if (invocation.plan) plans.add(invocation.planVersion);
    if (!plans.has(invocation.planVersion)) return json({ needBlobs: [invocation.planVersion] });
    return json(echoResult(invocation));
  });
  return fake;
}

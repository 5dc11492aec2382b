/**
 * Test-only fake of Bedrock's ApplyGuardrail at the fetch boundary. It answers 403 unless the
 * request is SigV4-signed for service `bedrock` in the guardrail's region and hits
 * /guardrail/{id}/version/{v}/apply with a well-formed body; otherwise it answers `respond`.
 */
export interface GuardrailCall {
  url: URL;
  guardrailId: string;
  version: string;
  signature: { region: string; service: string } | null;
  body: { source: string; content: { text: { text: string } }[] };
}

export interface FakeBedrockGuardrail {
  calls: GuardrailCall[];
  respond: (call: GuardrailCall) => Response | Promise<Response>;
  restore: () => void;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/;

export const bedrockJson = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export const intervened = (text: string, assessments: unknown[] = [{ topicPolicy: { topics: [{ name: "Litigation", type: "DENY", action: "BLOCKED" }] } }]) =>
  bedrockJson({ action: "GUARDRAIL_INTERVENED", outputs: [{ text }], assessments, usage: { topicPolicyUnits: 1 } });

export function fakeBedrockGuardrail(): FakeBedrockGuardrail {
  // Installed as a plain wrapper, not a vi.spyOn: a second spy on fetch would replace the fake
  // runtime's instead of chaining to it. Restore it before the fake runtime.
  const original = globalThis.fetch;
  const fake: FakeBedrockGuardrail = {
    calls: [],
    respond: () => bedrockJson({ action: "NONE", outputs: [], assessments: [] }),
    restore: () => {
      globalThis.fetch = original;
    },
  };
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (!url.hostname.startsWith("bedrock-runtime.")) return original(input, init);
    const path = /^\/guardrail\/([^/]+)\/version\/([^/]+)\/apply$/.exec(url.pathname);
    const auth = AUTH.exec(request.headers.get("authorization") ?? "");
    const call: GuardrailCall = {
      url,
      guardrailId: decodeURIComponent(path?.[1] ?? ""),
      version: path?.[2] ?? "",
      signature: auth ? { region: auth[1]!, service: auth[2]! } : null,
      body: JSON.parse(await request.text()) as GuardrailCall["body"],
    };
    fake.calls.push(call);
    const region = url.hostname.split(".")[1];
    if (!path || call.signature?.service !== "bedrock" || call.signature.region !== region) {
      return bedrockJson({ message: "The request signature we calculated does not match" }, 403);
    }
    if (!["INPUT", "OUTPUT"].includes(call.body.source) || typeof call.body.content?.[0]?.text?.text !== "string") {
      return bedrockJson({ message: "validation failed" }, 400);
    }
    return fake.respond(call);
  };
  return fake;
}

import { describe, it, expect } from "vitest";
import { AgentCoreClient } from "./agentcore-client.ts";
import { RuntimeError } from "./types.ts";

const ARN = "arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/clawgate_agent-AbCdEf1234";
const REGION = "eu-central-1";
const SESSION = "emp-01JABCDEFGHJKMNPQRSTVWXYZ-employee-0001"; // 40 chars
const BODY = JSON.stringify({ plan: { planVersion: "abc" }, message: "hello" });

type Handler = (req: Request, attempt: number) => Response | Promise<Response>;

function setup(handler: Handler, maxAttempts?: number) {
  const requests: Request[] = [];
  const sleeps: number[] = [];
  const client = new AgentCoreClient({
    target: { arn: ARN, qualifier: "DEFAULT", region: REGION },
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    fetch: (async (input: string | URL | Request) => {
      const req = input as Request;
      requests.push(req);
      return handler(req, requests.length);
    }) as typeof fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { client, requests, sleeps };
}

const error = (status: number, type: string, message: string) =>
  new Response(JSON.stringify({ message }), { status, headers: { "x-amzn-ErrorType": type, "content-type": "application/json" } });

async function rejection(promise: Promise<unknown>): Promise<RuntimeError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(RuntimeError);
    return err as RuntimeError;
  }
  throw new Error("expected a rejection");
}

describe("AgentCoreClient", () => {
  it("sends a signed InvokeAgentRuntime request and returns the response", async () => {
    const { client, requests } = setup(async (req) => {
      expect(req.method).toBe("POST");
      expect(req.url).toBe(
        "https://bedrock-agentcore.eu-central-1.amazonaws.com/runtimes/" +
          "arn%3Aaws%3Abedrock-agentcore%3Aeu-central-1%3A123456789012%3Aruntime%2Fclawgate_agent-AbCdEf1234" +
          "/invocations?qualifier=DEFAULT",
      );
      expect(req.headers.get("content-type")).toBe("application/json");
      expect(req.headers.get("accept")).toBe("text/event-stream");
      expect(req.headers.get("x-amzn-bedrock-agentcore-runtime-session-id")).toBe(SESSION);
      const auth = req.headers.get("authorization") ?? "";
      const match = /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(auth);
      expect(match, auth).not.toBeNull();
      expect(match![1]).toBe(REGION);
      expect(match![2]).toBe("bedrock-agentcore");
      expect(match![3]!.split(";")).toContain("x-amzn-bedrock-agentcore-runtime-session-id");
      expect(await req.text()).toBe(BODY);
      return new Response("data: {}\n\n", { status: 200, headers: { "content-type": "text/event-stream" } });
    });
    const res = await client.invoke({ sessionId: SESSION, body: BODY, accept: "sse" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("data: {}\n\n");
    expect(requests).toHaveLength(1);
  });

  it("asks for JSON when accept is json", async () => {
    const { client } = setup((req) => {
      expect(req.headers.get("accept")).toBe("application/json");
      return Response.json({ reply: "hi" });
    });
    const res = await client.invoke({ sessionId: SESSION, body: BODY, accept: "json" });
    expect(await res.json()).toEqual({ reply: "hi" });
  });

  it("retries a 503 with growing backoff, then succeeds", async () => {
    const { client, requests, sleeps } = setup((_req, attempt) =>
      attempt < 3 ? error(503, "ServiceUnavailableException", "try later") : Response.json({ reply: "ok" }),
    );
    const res = await client.invoke({ sessionId: SESSION, body: BODY, accept: "json" });
    expect(res.status).toBe(200);
    expect(requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps[1]).toBeGreaterThanOrEqual(sleeps[0]!);
    // Every attempt is freshly signed and carries the full body.
    for (const req of requests) expect(await req.text()).toBe(BODY);
  });

  it("retries 409 RetryableConflict and 429", async () => {
    const { client, requests } = setup((_req, attempt) =>
      attempt === 1 ? error(409, "RetryableConflictException", "busy") : attempt === 2 ? error(429, "ThrottlingException", "slow") : Response.json({}),
    );
    await client.invoke({ sessionId: SESSION, body: BODY, accept: "json" });
    expect(requests).toHaveLength(3);
  });

  it("gives up after maxAttempts with a retryable RuntimeError", async () => {
    const { client, requests, sleeps } = setup(
      () => error(500, "InternalServerException:http://internal.amazon.com/coral/com.amazon.bedrock/", "boom"),
      4,
    );
    const err = await rejection(client.invoke({ sessionId: SESSION, body: BODY, accept: "json" }));
    expect(requests).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    expect(err.status).toBe(500);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain("500 InternalServerException: boom");
  });

  it("does not retry 424 RuntimeClientError", async () => {
    const { client, requests, sleeps } = setup(() => error(424, "RuntimeClientError", "container failed"));
    const err = await rejection(client.invoke({ sessionId: SESSION, body: BODY, accept: "json" }));
    expect(requests).toHaveLength(1);
    expect(sleeps).toHaveLength(0);
    expect(err.status).toBe(424);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain("424 RuntimeClientError: container failed");
  });

  it("does not retry other 4xx", async () => {
    const { client, requests } = setup(() => error(403, "AccessDeniedException", "no"));
    const err = await rejection(client.invoke({ sessionId: SESSION, body: BODY, accept: "json" }));
    expect(requests).toHaveLength(1);
    expect(err.status).toBe(403);
    expect(err.retryable).toBe(false);
  });

  it("rejects a session id outside 33–256 chars without calling fetch", async () => {
    const { client, requests } = setup(() => Response.json({}));
    const short = await rejection(client.invoke({ sessionId: "a".repeat(20), body: BODY, accept: "json" }));
    expect(short.status).toBe(400);
    expect(short.retryable).toBe(false);
    await rejection(client.invoke({ sessionId: "a".repeat(257), body: BODY, accept: "json" }));
    expect(requests).toHaveLength(0);
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const { client, requests } = setup(() => {
      controller.abort(new Error("turn cancelled"));
      return error(503, "ServiceUnavailableException", "later");
    });
    await expect(client.invoke({ sessionId: SESSION, body: BODY, accept: "json", signal: controller.signal })).rejects.toThrow(
      "turn cancelled",
    );
    expect(requests).toHaveLength(1);
  });
});

describe("AgentCoreClient.stopSession", () => {
  it("sends a signed StopRuntimeSession for the session, with a client token", async () => {
    const { client, requests } = setup(async (req) => {
      expect(req.method).toBe("POST");
      expect(req.url).toBe(
        "https://bedrock-agentcore.eu-central-1.amazonaws.com/runtimes/" +
          "arn%3Aaws%3Abedrock-agentcore%3Aeu-central-1%3A123456789012%3Aruntime%2Fclawgate_agent-AbCdEf1234" +
          "/stopruntimesession?qualifier=DEFAULT",
      );
      expect(req.headers.get("content-type")).toBe("application/json");
      expect(req.headers.get("x-amzn-bedrock-agentcore-runtime-session-id")).toBe(SESSION);
      const match = /Credential=AKIDEXAMPLE\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+),/.exec(req.headers.get("authorization") ?? "");
      expect(match?.[1]).toBe(REGION);
      expect(match?.[2]).toBe("bedrock-agentcore");
      expect(match![3]!.split(";")).toContain("x-amzn-bedrock-agentcore-runtime-session-id");
      const body = (await req.json()) as { clientToken: string };
      expect(body.clientToken.length).toBeGreaterThanOrEqual(33);
      return new Response(null, { status: 200, headers: { "x-amzn-bedrock-agentcore-runtime-session-id": SESSION } });
    });
    expect(await client.stopSession(SESSION)).toBe("stopped");
    expect(requests).toHaveLength(1);
  });

  it("treats a session AgentCore no longer knows as already ended", async () => {
    const { client } = setup(() => error(404, "ResourceNotFoundException", "session not found"));
    expect(await client.stopSession(SESSION)).toBe("already_ended");
  });

  it("retries throttling with the same client token, and reports refusals", async () => {
    const tokens: string[] = [];
    const { client, requests } = setup(async (req, attempt) => {
      tokens.push(((await req.json()) as { clientToken: string }).clientToken);
      return attempt === 1 ? error(429, "ThrottlingException", "slow down") : Response.json({});
    });
    expect(await client.stopSession(SESSION)).toBe("stopped");
    expect(requests).toHaveLength(2);
    expect(new Set(tokens).size).toBe(1);

    const denied = setup(() => error(403, "AccessDeniedException", "not allowed to stop"));
    const err = await rejection(denied.client.stopSession(SESSION));
    expect(err.status).toBe(403);
    expect(err.message).toContain("AgentCore StopRuntimeSession failed: 403 AccessDeniedException: not allowed to stop");
  });
});

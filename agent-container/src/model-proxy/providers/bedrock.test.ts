import { describe, it, expect } from "vitest";
import { converseEvent, converseException, verifySigV4, type SignedRequest } from "../../testing/bedrock-wire.ts";
import { BedrockBackend } from "./bedrock.ts";
import type { ChatCompletionChunk, ChatCompletionRequest } from "../types.ts";

const MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const REGION = "us-west-2";
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token" };
const staticCredentials = { get: async () => credentials };
const ENDPOINT = `https://bedrock-runtime.${REGION}.amazonaws.com`;
const secretOf = (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);

const ev = converseEvent;
const exception = converseException;

/** A 200 event-stream response whose bytes arrive in random small chunks. */
function streamResponse(frames: Uint8Array[]): Response {
  const bytes = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    bytes.set(f, at);
    at += f.length;
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; ) {
        const size = 1 + Math.floor(Math.random() * 9);
        controller.enqueue(bytes.slice(i, i + size));
        i += size;
      }
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/vnd.amazon.eventstream" } });
}

const happyFrames = () => [
  ev("messageStart", { role: "assistant" }),
  ev("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Let me " } }),
  ev("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "check." } }),
  ev("contentBlockStop", { contentBlockIndex: 0 }),
  ev("contentBlockStart", { contentBlockIndex: 1, start: { toolUse: { toolUseId: "tooluse_abc", name: "get_weather" } } }),
  ev("contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: '{"ci' } } }),
  ev("contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: 'ty":"Pa' } } }),
  ev("contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: 'ris"}' } } }),
  ev("contentBlockStop", { contentBlockIndex: 1 }),
  ev("messageStop", { stopReason: "tool_use" }),
  ev("metadata", { usage: { inputTokens: 812, outputTokens: 47, totalTokens: 859 }, metrics: { latencyMs: 1234 } }),
];

const request: ChatCompletionRequest = {
  model: "clawgate",
  stream: true,
  max_completion_tokens: 1000,
  messages: [
    { role: "system", content: "You are Ada's assistant." },
    { role: "user", content: "Weather in Paris and the time?" },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { id: "call_2", type: "function", function: { name: "get_time", arguments: "" } },
      ],
    },
    { role: "tool", tool_call_id: "call_1", content: "Sunny, 21C" },
    { role: "tool", tool_call_id: "call_2", content: [{ type: "text", text: "14:00" }] },
    { role: "user", content: "And tomorrow?" },
  ],
  tools: [
    {
      type: "function",
      function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } },
    },
    { type: "function", function: { name: "get_time" } },
  ],
};

const expectedBody = {
  system: [{ text: "You are Ada's assistant." }],
  messages: [
    { role: "user", content: [{ text: "Weather in Paris and the time?" }] },
    {
      role: "assistant",
      content: [
        { toolUse: { toolUseId: "call_1", name: "get_weather", input: { city: "Paris" } } },
        { toolUse: { toolUseId: "call_2", name: "get_time", input: {} } },
      ],
    },
    {
      role: "user",
      content: [
        { toolResult: { toolUseId: "call_1", content: [{ text: "Sunny, 21C" }] } },
        { toolResult: { toolUseId: "call_2", content: [{ text: "14:00" }] } },
        { text: "And tomorrow?" },
      ],
    },
  ],
  inferenceConfig: { maxTokens: 1000 },
  toolConfig: {
    tools: [
      {
        toolSpec: {
          name: "get_weather",
          description: "Weather for a city",
          inputSchema: { json: { type: "object", properties: { city: { type: "string" } } } },
        },
      },
      { toolSpec: { name: "get_time", inputSchema: { json: { type: "object", properties: {} } } } },
    ],
  },
  guardrailConfig: { guardrailIdentifier: "gr-123", guardrailVersion: "2" },
};

async function collect(iterable: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const out: ChatCompletionChunk[] = [];
  for await (const chunk of iterable) out.push(chunk);
  return out;
}

function backend(fetchImpl: (req: Request) => Promise<Response>) {
  return new BedrockBackend({
    region: REGION,
    modelId: MODEL_ID,
    endpoint: ENDPOINT,
    credentials: staticCredentials,
    maxTokens: 4096,
    guardrail: { id: "gr-123", version: "2" },
    fetch: ((input: string | URL | Request) => fetchImpl(input as Request)) as typeof fetch,
  });
}

describe("BedrockBackend", () => {
  it("signs, converts the request and streams OpenAI chunks with exact usage", async () => {
    const calls: Request[] = [];
    const b = backend(async (req) => {
      calls.push(req);
      expect(req.method).toBe("POST");
      expect(req.url).toBe(
        `https://bedrock-runtime.${REGION}.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream`,
      );
      const auth = req.headers.get("authorization") ?? "";
      expect(auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-west-2\/bedrock\/aws4_request, /);
      expect(req.headers.get("x-amz-security-token")).toBe("token");
      expect(JSON.parse(await req.text())).toEqual(expectedBody);
      return streamResponse(happyFrames());
    });
    expect(b.model).toBe(MODEL_ID);

    const chunks = await collect(b.stream(request));
    expect(calls).toHaveLength(1);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === "clawgate")).toBe(true);
    expect(chunks.map((c) => ({ choices: c.choices, usage: c.usage }))).toEqual([
      { choices: [{ index: 0, delta: { role: "assistant" }, finish_reason: null }], usage: undefined },
      { choices: [{ index: 0, delta: { content: "Let me " }, finish_reason: null }], usage: undefined },
      { choices: [{ index: 0, delta: { content: "check." }, finish_reason: null }], usage: undefined },
      {
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [{ index: 0, id: "tooluse_abc", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
            },
            finish_reason: null,
          },
        ],
        usage: undefined,
      },
      { choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }], usage: undefined },
      { choices: [], usage: { prompt_tokens: 812, completion_tokens: 47, total_tokens: 859 } },
    ]);
  });

  it("numbers several tool uses of one message 0, 1, … and defaults empty input to {}", async () => {
    const b = backend(async () =>
      streamResponse([
        ev("messageStart", { role: "assistant" }),
        ev("contentBlockStart", { contentBlockIndex: 0, start: { toolUse: { toolUseId: "t1", name: "a" } } }),
        ev("contentBlockDelta", { contentBlockIndex: 0, delta: { toolUse: { input: '{"x":1}' } } }),
        ev("contentBlockStop", { contentBlockIndex: 0 }),
        ev("contentBlockStart", { contentBlockIndex: 1, start: { toolUse: { toolUseId: "t2", name: "b" } } }),
        ev("contentBlockStop", { contentBlockIndex: 1 }),
        ev("messageStop", { stopReason: "tool_use" }),
      ]),
    );
    const chunks = await collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }));
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(calls).toEqual([
      { index: 0, id: "t1", type: "function", function: { name: "a", arguments: '{"x":1}' } },
      { index: 1, id: "t2", type: "function", function: { name: "b", arguments: "{}" } },
    ]);
  });

  it.each([
    ["end_turn", "stop"],
    ["max_tokens", "length"],
    ["guardrail_intervened", "content_filter"],
    ["content_filtered", "content_filter"],
  ])("maps stopReason %s to finish_reason %s", async (stopReason, finish) => {
    const b = backend(async () =>
      streamResponse([ev("messageStart", { role: "assistant" }), ev("messageStop", { stopReason })]),
    );
    const chunks = await collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }));
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe(finish);
  });

  it("throws on an exception frame inside a 200 after output started", async () => {
    let calls = 0;
    const b = backend(async () => {
      calls++;
      return streamResponse([
        ev("messageStart", { role: "assistant" }),
        ev("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hel" } }),
        exception("throttlingException", "Too many tokens, please wait before trying again."),
      ]);
    });
    const seen: ChatCompletionChunk[] = [];
    await expect(
      (async () => {
        for await (const c of b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] })) seen.push(c);
      })(),
    ).rejects.toThrow(/throttlingException: Too many tokens/);
    expect(seen).toHaveLength(2);
    expect(calls).toBe(1);
  });

  it("retries a throttling exception that arrives before any output", async () => {
    let calls = 0;
    const b = backend(async () => {
      calls++;
      if (calls === 1) return streamResponse([exception("throttlingException", "slow down")]);
      return streamResponse([ev("messageStart", { role: "assistant" }), ev("messageStop", { stopReason: "end_turn" })]);
    });
    const chunks = await collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }));
    expect(calls).toBe(2);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
  });

  it("retries 429/5xx at most twice, then throws with status and message", async () => {
    let calls = 0;
    const b = backend(async () => {
      calls++;
      return new Response(JSON.stringify({ message: "Service unavailable" }), {
        status: 503,
        headers: { "x-amzn-ErrorType": "ServiceUnavailableException:http://internal.amazon.com/coral/" },
      });
    });
    await expect(collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }))).rejects.toThrow(
      "Bedrock ConverseStream failed: 503 ServiceUnavailableException: Service unavailable",
    );
    expect(calls).toBe(3);
  });

  it("does not retry a 4xx", async () => {
    let calls = 0;
    const b = backend(async () => {
      calls++;
      return new Response(JSON.stringify({ message: "The provided model identifier is invalid." }), {
        status: 400,
        headers: { "x-amzn-ErrorType": "ValidationException" },
      });
    });
    await expect(collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }))).rejects.toThrow(
      /400 ValidationException: The provided model identifier is invalid/,
    );
    expect(calls).toBe(1);
  });

  it("encodes an inference-profile ARN once in the URL, signs it for a custom endpoint, and the signature verifies", async () => {
    const arn = "arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/a1b2c3d4e5";
    const seen: Array<{ url: string; signed: SignedRequest; check: ReturnType<typeof verifySigV4> }> = [];
    const b = new BedrockBackend({
      region: REGION,
      modelId: arn,
      endpoint: "https://vpce-0abc123.bedrock-runtime.us-west-2.vpce.amazonaws.com/",
      credentials: staticCredentials,
      fetch: (async (input: Request) => {
        const url = new URL(input.url);
        const headers: Record<string, string> = {};
        input.headers.forEach((value, name) => (headers[name] = value));
        headers.host = url.host;
        const signed = { method: input.method, url: url.pathname + url.search, headers, body: await input.text() };
        seen.push({ url: input.url, signed, check: verifySigV4(signed, secretOf) });
        return streamResponse([ev("messageStart", { role: "assistant" }), ev("messageStop", { stopReason: "end_turn" })]);
      }) as typeof fetch,
    });
    await collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(
      "https://vpce-0abc123.bedrock-runtime.us-west-2.vpce.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Aapplication-inference-profile%2Fa1b2c3d4e5/converse-stream",
    );
    expect(seen[0]!.check).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE", scope: expect.stringMatching(/^\d{8}\/us-west-2\/bedrock\/aws4_request$/), sessionToken: "token" });
    // The check is strict: had the id gone out unencoded (or encoded twice), the signature would not verify.
    const { signed } = seen[0]!;
    expect(verifySigV4({ ...signed, url: signed.url.replace(/%3A/g, ":") }, secretOf)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifySigV4({ ...signed, url: signed.url.replace(/%3A/g, "%253A") }, secretOf)).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("asks the credential provider on every request and signs with what it currently holds", async () => {
    const rotation = [
      { accessKeyId: "ASIAFIRST", secretAccessKey: "s1", sessionToken: "t1" },
      { accessKeyId: "ASIASECOND", secretAccessKey: "s2", sessionToken: "t2" },
    ];
    let asked = 0;
    const used: string[] = [];
    const b = new BedrockBackend({
      region: REGION,
      modelId: MODEL_ID,
      endpoint: ENDPOINT,
      credentials: { get: async () => rotation[Math.min(asked++, 1)]! },
      fetch: (async (input: Request) => {
        used.push(`${/Credential=([^/]+)/.exec(input.headers.get("authorization") ?? "")?.[1]} ${input.headers.get("x-amz-security-token")}`);
        return streamResponse([ev("messageStart", { role: "assistant" }), ev("messageStop", { stopReason: "end_turn" })]);
      }) as typeof fetch,
    });
    for (let i = 0; i < 3; i++) await collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }));
    expect(asked).toBe(3);
    expect(used).toEqual(["ASIAFIRST t1", "ASIASECOND t2", "ASIASECOND t2"]);
  });

  it("fails the request with the provider's reason when there are no credentials, without calling Bedrock", async () => {
    let calls = 0;
    const b = new BedrockBackend({
      region: REGION,
      modelId: MODEL_ID,
      endpoint: ENDPOINT,
      credentials: { get: async () => Promise.reject(new Error("no AWS credentials for Bedrock (no source configured)")) },
      fetch: (async () => {
        calls++;
        return new Response(null, { status: 500 });
      }) as typeof fetch,
    });
    await expect(collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }))).rejects.toThrow(/no AWS credentials for Bedrock/);
    expect(calls).toBe(0);
  });

  it("throws when the stream ends before messageStop", async () => {
    const b = backend(async () => streamResponse([ev("messageStart", { role: "assistant" })]));
    const consume = collect(b.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }));
    await expect(consume).rejects.toThrow(/before messageStop/);
  });
});

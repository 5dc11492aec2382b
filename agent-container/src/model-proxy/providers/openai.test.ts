import { describe, it, expect } from "vitest";
import { OpenAICompatibleBackend } from "./openai.ts";
import type { ChatCompletionChunk, ChatCompletionRequest } from "../types.ts";

const request: ChatCompletionRequest = {
  model: "clawgate",
  messages: [{ role: "user", content: "hi" }],
  tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }],
  max_tokens: 256,
};

async function collect(iterable: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const out: ChatCompletionChunk[] = [];
  for await (const chunk of iterable) out.push(chunk);
  return out;
}

function sseResponse(text: string, chunkSize: number): Response {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.slice(i, i + chunkSize));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
}

const upstream = (delta: object, finish: string | null = null, extra: object = {}) => ({
  id: "chatcmpl-up",
  object: "chat.completion.chunk",
  created: 1700000000,
  model: "llama3.1:8b-instruct-q4",
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

describe("OpenAICompatibleBackend", () => {
  it("posts a streaming request and parses SSE split across chunks", async () => {
    const sse =
      ": keep-alive\n\n" +
      `data: ${JSON.stringify(upstream({ role: "assistant", content: "" }))}\r\n\r\n` +
      `data: ${JSON.stringify(upstream({ content: "Hel" }))}\n\n` +
      `data: ${JSON.stringify(upstream({ content: "lo" }))}\n\n` +
      `data: ${JSON.stringify(upstream({ tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "lookup", arguments: "{}" } }] }))}\n\n` +
      `data: ${JSON.stringify(upstream({}, "tool_calls"))}\n\n` +
      `data: ${JSON.stringify({ ...upstream({}), choices: [], usage: { prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 } })}\n\n` +
      "data: [DONE]\n\n";

    for (const chunkSize of [1, 5, 4096]) {
      const b = new OpenAICompatibleBackend({
        baseUrl: "http://localhost:11434/v1/",
        apiKey: "sk-test",
        model: "llama3.1:8b",
        fetch: (async (input: string | URL | Request, init?: RequestInit) => {
          expect(String(input)).toBe("http://localhost:11434/v1/chat/completions");
          expect(init?.method).toBe("POST");
          const headers = new Headers(init?.headers);
          expect(headers.get("authorization")).toBe("Bearer sk-test");
          expect(JSON.parse(String(init?.body))).toEqual({
            ...request,
            model: "llama3.1:8b",
            stream: true,
            stream_options: { include_usage: true },
          });
          return sseResponse(sse, chunkSize);
        }) as typeof fetch,
      });
      expect(b.model).toBe("llama3.1:8b");
      const chunks = await collect(b.stream(request));
      expect(chunks.every((c) => c.model === "clawgate")).toBe(true);
      expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Hello");
      expect(chunks).toHaveLength(6);
      expect(chunks[3]!.choices[0]!.delta.tool_calls![0]!.function.name).toBe("lookup");
      expect(chunks[4]!.choices[0]!.finish_reason).toBe("tool_calls");
      expect(chunks[5]!.usage).toEqual({ prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 });
    }
  });

  it("omits Authorization without an api key", async () => {
    const b = new OpenAICompatibleBackend({
      baseUrl: "http://vllm:8000/v1",
      model: "qwen",
      fetch: (async (_input: string | URL | Request, init?: RequestInit) => {
        expect(new Headers(init?.headers).has("authorization")).toBe(false);
        return sseResponse(`data: ${JSON.stringify(upstream({ content: "ok" }, "stop"))}\n\ndata: [DONE]\n\n`, 7);
      }) as typeof fetch,
    });
    const chunks = await collect(b.stream(request));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.choices[0]!.finish_reason).toBe("stop");
  });

  it("converts a non-streaming JSON answer into equivalent chunks", async () => {
    const completion = {
      id: "chatcmpl-json",
      object: "chat.completion",
      created: 1700000001,
      model: "whatever",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Looking it up.",
            tool_calls: [{ id: "c9", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 },
    };
    const b = new OpenAICompatibleBackend({
      baseUrl: "http://litellm:4000",
      model: "gpt-x",
      fetch: (async () => Response.json(completion)) as typeof fetch,
    });
    const chunks = await collect(b.stream(request));
    expect(chunks).toEqual([
      {
        id: "chatcmpl-json",
        object: "chat.completion.chunk",
        created: 1700000001,
        model: "clawgate",
        choices: [
          {
            index: 0,
            delta: {
              role: "assistant",
              content: "Looking it up.",
              tool_calls: [{ index: 0, id: "c9", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }],
            },
            finish_reason: null,
          },
        ],
      },
      {
        id: "chatcmpl-json",
        object: "chat.completion.chunk",
        created: 1700000001,
        model: "clawgate",
        choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }],
      },
      {
        id: "chatcmpl-json",
        object: "chat.completion.chunk",
        created: 1700000001,
        model: "clawgate",
        choices: [],
        usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 },
      },
    ]);
  });

  it("throws with the status and upstream message on an error status", async () => {
    const b = new OpenAICompatibleBackend({
      baseUrl: "http://localhost:11434/v1",
      model: "missing",
      fetch: (async () =>
        Response.json({ error: { message: "model 'missing' not found", type: "not_found_error" } }, { status: 404 })) as typeof fetch,
    });
    await expect(collect(b.stream(request))).rejects.toThrow("OpenAI-compatible backend failed: 404: model 'missing' not found");
  });

  it("throws on an error event inside the stream", async () => {
    const b = new OpenAICompatibleBackend({
      baseUrl: "http://localhost:11434/v1",
      model: "m",
      fetch: (async () =>
        sseResponse(`data: ${JSON.stringify({ error: { message: "context length exceeded" } })}\n\n`, 3)) as typeof fetch,
    });
    await expect(collect(b.stream(request))).rejects.toThrow(/context length exceeded/);
  });
});

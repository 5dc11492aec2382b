import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { readSse, toolPolicyFor, type ToolEvent } from "@clawgate/contracts";
import { startModelProxy } from "./server.ts";
import { TurnLedger } from "./turn-ledger.ts";
import type { ChatCompletionChunk, ChatCompletionRequest, ChunkDelta, ModelBackend, ToolDefinition } from "./types.ts";

const TOKEN = "proxy-token-for-tests";
const AGENT = "s00000000000000000001";
const finance = toolPolicyFor(["web_search", "file"]);

/** A model that replays scripted chunk sequences, one per request, and records what it was sent. */
class ScriptedBackend implements ModelBackend {
  readonly id = "scripted";
  readonly model = "scripted-model-v1";
  readonly received: ChatCompletionRequest[] = [];
  readonly script: ChunkDelta[][] = [];
  usage = { prompt_tokens: 100, completion_tokens: 7, total_tokens: 107 };
  failWith: Error | null = null;
  /** With failWith: how many scripted deltas stream out before the failure. */
  failAfter = 0;

  async *stream(request: ChatCompletionRequest): AsyncIterable<ChatCompletionChunk> {
    this.received.push(structuredClone(request));
    const deltas = this.script.shift() ?? [{ content: "ok" }];
    const base = { id: "chatcmpl-scripted", object: "chat.completion.chunk" as const, created: 1795270000, model: this.model };
    let finish: "stop" | "tool_calls" = "stop";
    for (const [n, delta] of deltas.entries()) {
      if (this.failWith && n === this.failAfter) throw this.failWith;
      if (delta.tool_calls) finish = "tool_calls";
      yield { ...base, choices: [{ index: 0, delta, finish_reason: null }] };
    }
    if (this.failWith) throw this.failWith;
    yield { ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }], usage: this.usage };
  }
}

const tool = (name: string): ToolDefinition => ({ type: "function", function: { name, description: `the ${name} tool`, parameters: { type: "object" } } });
const OPENCLAW_TOOLS = ["read", "write", "edit", "exec", "process", "web_search", "web_fetch", "memory_search", "memory_get", "automations", "gateway", "browser"].map(tool);

const call = (index: number, name: string, args: unknown, id = `call_${name}_${index}`) => ({
  index,
  id,
  type: "function" as const,
  function: { name, arguments: JSON.stringify(args) },
});

let server: Server;
let url: string;
let ledger: TurnLedger;
let backend: ScriptedBackend;
const backendAgents: string[] = [];
const logs: string[] = [];

beforeAll(async () => {
  ledger = new TurnLedger();
  server = await startModelProxy({
    port: 0,
    token: TOKEN,
    ledger,
    backendFor: (agentId) => {
      backendAgents.push(agentId);
      return backend;
    },
    log: (line) => logs.push(line),
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  backend = new ScriptedBackend();
  backendAgents.length = 0;
  ledger.end(AGENT, "none");
});

function chatRequest(overrides: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return {
    model: AGENT,
    messages: [
      { role: "system", content: "You are a personal assistant running inside OpenClaw." },
      { role: "user", content: "[Sat 2026-11-21 14:08 UTC] run git status" },
    ],
    tools: OPENCLAW_TOOLS,
    tool_choice: "auto",
    stream: true,
    max_completion_tokens: 4096,
    ...overrides,
  };
}

async function post(body: unknown, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
}

/** Posts a chat request and collects the SSE chunks the proxy streamed back. */
async function chat(body: ChatCompletionRequest): Promise<{ chunks: ChatCompletionChunk[]; done: boolean }> {
  const res = await post(body);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream");
  const chunks: ChatCompletionChunk[] = [];
  let done = false;
  for await (const event of readSse(res.body!)) {
    if (event.data === "[DONE]") {
      done = true;
      continue;
    }
    chunks.push(JSON.parse(event.data) as ChatCompletionChunk);
  }
  return { chunks, done };
}

const textOf = (chunks: ChatCompletionChunk[]) => chunks.map((c) => c.choices[0]?.delta.tool_calls ? "" : (c.choices[0]?.delta.content ?? "")).join("");
const toolCallsOf = (chunks: ChatCompletionChunk[]) => chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
const finishOf = (chunks: ChatCompletionChunk[]) => chunks.at(-1)?.choices[0]?.finish_reason;

describe("model proxy", () => {
  it("answers 401 without the bearer token (or with a wrong one) and never reaches the backend", async () => {
    ledger.begin(AGENT, finance);
    for (const token of [null, "wrong-token", ""]) {
      const res = await post(chatRequest(), token);
      expect(res.status, String(token)).toBe(401);
      expect(await res.json()).toEqual({ error: { message: "unauthorised" } });
    }
    const models = await fetch(`${url}/v1/models`);
    expect(models.status).toBe(401);
    expect(backend.received).toEqual([]);
    expect(backendAgents).toEqual([]);
  });

  it("offers the backend only the session's allowed tools", async () => {
    ledger.begin(AGENT, finance);
    const { chunks, done } = await chat(chatRequest());
    expect(done).toBe(true);
    expect(backendAgents).toEqual([AGENT]);
    expect(backend.received).toHaveLength(1);
    const sent = backend.received[0]!;
    const names = (sent.tools ?? []).map((t) => t.function.name).sort();
    expect(names).toEqual([...finance.allow, ...finance.memoryScoped].sort());
    expect(names).not.toContain("exec");
    expect(names).toContain("automations");
    expect(names).not.toContain("gateway");
    expect(names).not.toContain("browser");
    // Everything else goes through untouched.
    expect(sent.messages).toEqual(chatRequest().messages);
    expect(sent.max_completion_tokens).toBe(4096);
    expect(sent.tools?.find((t) => t.function.name === "read")).toEqual(tool("read"));
    expect(textOf(chunks)).toBe("ok");
  });

  it("offers no tools at all to an agent without a turn policy", async () => {
    const { chunks } = await chat(chatRequest({ model: "s-unknown-agent" }));
    expect(backend.received[0]!.tools).toBeUndefined();
    expect(chunks.every((c) => c.model === "s-unknown-agent")).toBe(true);
  });

  it("replaces a disallowed tool call with a refusal and records the denial", async () => {
    const events: ToolEvent[] = [];
    ledger.begin(AGENT, finance, (event) => events.push(event));
    backend.script.push([{ role: "assistant", tool_calls: [call(0, "exec", { command: "git status" })] }]);
    const { chunks, done } = await chat(chatRequest());
    expect(done).toBe(true);
    expect(toolCallsOf(chunks)).toEqual([]);
    expect(textOf(chunks)).toMatch(/I can't use the exec tool: exec is not permitted for this position\. Nothing was run\./);
    expect(finishOf(chunks)).toBe("stop");

    const denied = { tool: "exec", allowed: false, args: { command: "git status" }, reason: "exec is not permitted for this position" };
    expect(events).toEqual([denied]);
    const { toolEvents } = ledger.end(AGENT, "fallback");
    expect(toolEvents).toEqual([denied]);
  });

  it("refuses a memory-scoped write outside memory files", async () => {
    ledger.begin(AGENT, finance);
    backend.script.push([{ content: "Updating my soul." }, { tool_calls: [call(0, "write", { path: "SOUL.md", content: "no rules" })] }]);
    const { chunks } = await chat(chatRequest());
    expect(toolCallsOf(chunks)).toEqual([]);
    expect(textOf(chunks)).toBe("Updating my soul.\n\nI can't use the write tool: write is limited to memory files for this position. Nothing was run.");
    const { toolEvents } = ledger.end(AGENT, "fallback");
    expect(toolEvents).toEqual([{ tool: "write", allowed: false, args: { path: "SOUL.md" }, reason: "write is limited to memory files for this position" }]);
  });

  it("forwards an allowed tool call and records it", async () => {
    const events: ToolEvent[] = [];
    ledger.begin(AGENT, finance, (event) => events.push(event));
    const read = call(0, "read", { path: "knowledge/kb-org-directory/directory.md" }, "call_abc");
    backend.script.push([{ role: "assistant", tool_calls: [read] }]);
    const { chunks } = await chat(chatRequest());
    const calls = toolCallsOf(chunks);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({ index: 0, id: "call_abc", type: "function", function: { name: "read", arguments: read.function.arguments } });
    expect(finishOf(chunks)).toBe("tool_calls");
    expect(textOf(chunks)).toBe("");
    const recorded = { tool: "read", allowed: true, args: { path: "knowledge/kb-org-directory/directory.md" } };
    expect(events).toEqual([recorded]);
    expect(ledger.end(AGENT, "fallback").toolEvents).toEqual([recorded]);
  });

  it("reassembles a tool call streamed in fragments, and allows a memory write", async () => {
    ledger.begin(AGENT, finance);
    const args = JSON.stringify({ path: "MEMORY.md", content: "# MEMORY\n- badge 4242\n" });
    backend.script.push([
      { role: "assistant", tool_calls: [{ index: 0, id: "call_w", type: "function", function: { name: "wri", arguments: "" } }] },
      { tool_calls: [{ index: 0, function: { name: "te", arguments: args.slice(0, 10) } }] },
      { tool_calls: [{ index: 0, function: { arguments: args.slice(10) } }] },
    ]);
    const { chunks } = await chat(chatRequest());
    expect(toolCallsOf(chunks)).toEqual([{ index: 0, id: "call_w", type: "function", function: { name: "write", arguments: args } }]);
    expect(ledger.end(AGENT, "fallback").toolEvents).toEqual([{ tool: "write", allowed: true, args: { path: "MEMORY.md" } }]);
  });

  it("forwards only the allowed calls of a mixed batch and records both", async () => {
    ledger.begin(AGENT, finance);
    backend.script.push([
      {
        role: "assistant",
        tool_calls: [call(0, "exec", { command: "rm -rf /" }), call(1, "web_search", { query: "q3 revenue" })],
      },
    ]);
    const { chunks } = await chat(chatRequest());
    const calls = toolCallsOf(chunks);
    expect(calls.map((c) => c.function.name)).toEqual(["web_search"]);
    expect(calls[0]!.index).toBe(0);
    expect(finishOf(chunks)).toBe("tool_calls");
    expect(ledger.end(AGENT, "fallback").toolEvents).toEqual([
      { tool: "exec", allowed: false, args: { command: "rm -rf /" }, reason: "exec is not permitted for this position" },
      { tool: "web_search", allowed: true, args: { query: "q3 revenue" } },
    ]);
  });

  it("records token usage per turn, across model calls, and passes it on", async () => {
    ledger.begin(AGENT, finance);
    backend.usage = { prompt_tokens: 1200, completion_tokens: 30, total_tokens: 1230 };
    const first = await chat(chatRequest());
    expect(first.chunks.at(-1)!.usage).toEqual({ prompt_tokens: 1200, completion_tokens: 30, total_tokens: 1230 });
    expect(first.chunks.slice(0, -1).every((c) => c.usage === undefined)).toBe(true);
    backend.usage = { prompt_tokens: 1300, completion_tokens: 12, total_tokens: 1312 };
    await chat(chatRequest());
    expect(ledger.end(AGENT, "fallback").usage).toEqual({ inputTokens: 2500, outputTokens: 42, model: "scripted-model-v1" });
    // The turn is closed: nothing more is recorded against it.
    await chat(chatRequest());
    expect(ledger.end(AGENT, "fallback").usage).toEqual({ inputTokens: 0, outputTokens: 0, model: "fallback" });
  });

  it("names the session agent as the model in every chunk", async () => {
    ledger.begin(AGENT, finance);
    const { chunks } = await chat(chatRequest());
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.model === AGENT)).toBe(true);
  });

  it("answers a backend failure before any output with an HTTP error in OpenAI's shape", async () => {
    ledger.begin(AGENT, finance);
    backend.failWith = new Error("Bedrock ConverseStream failed: 503 ServiceUnavailableException: try later");
    const res = await post(chatRequest());
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({
      error: { message: "Bedrock ConverseStream failed: 503 ServiceUnavailableException: try later", type: "upstream_error" },
    });
    expect(logs.some((l) => l.includes("503 ServiceUnavailableException"))).toBe(true);
    expect(ledger.end(AGENT, "fallback").usage).toEqual({ inputTokens: 0, outputTokens: 0, model: "fallback" });
  });

  it.each([
    [400, 400],
    [404, 404],
    [429, 429],
    [401, 502],
    [403, 502],
    [503, 502],
  ])("passes a provider's %i before any output on as %i", async (upstream, status) => {
    ledger.begin(AGENT, finance);
    backend.failWith = Object.assign(new Error(`provider answered ${upstream}`), { status: upstream });
    const res = await post(chatRequest());
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { message: `provider answered ${upstream}`, type: "upstream_error" } });
  });

  it("ends a stream that fails mid-answer with an SSE error frame, never as a completed answer", async () => {
    ledger.begin(AGENT, finance);
    backend.script.push([{ role: "assistant", content: "Revenue in Q3 was " }, { content: "12.4M" }]);
    backend.failWith = new Error("Bedrock ConverseStream throttlingException: Too many tokens");
    backend.failAfter = 1;
    const res = await post(chatRequest());
    expect(res.status).toBe(200);
    const events: string[] = [];
    for await (const event of readSse(res.body!)) events.push(event.data);
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0]!).choices[0].delta.content).toBe("Revenue in Q3 was ");
    // What the OpenAI SDK in OpenClaw turns into an APIError; no finish_reason and no [DONE] before or after it.
    expect(JSON.parse(events[1]!)).toEqual({ error: { message: "Bedrock ConverseStream throttlingException: Too many tokens", type: "upstream_error" } });
    expect(logs.some((l) => l.includes("mid-stream") && l.includes("throttlingException"))).toBe(true);
  });

  it("answers 400 to a body that is not a chat completion request, without reaching the backend", async () => {
    for (const body of ["{not json", JSON.stringify({ model: AGENT }), JSON.stringify([1, 2])]) {
      const res = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body });
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    }
    expect(backend.received).toEqual([]);
  });

  it("answers 404 for other routes", async () => {
    const res = await fetch(`${url}/v1/embeddings`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body: "{}" });
    expect(res.status).toBe(404);
    const models = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(models.status).toBe(200);
  });
});

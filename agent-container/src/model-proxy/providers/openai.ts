/** Any OpenAI-compatible Chat Completions endpoint (Ollama, vLLM, LiteLLM, OpenAI itself). */
import type { ChatCompletionChunk, ChatCompletionRequest, ChunkDelta, ModelBackend, ToolCall } from "../types.ts";

export interface OpenAICompatibleBackendOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  fetch?: typeof fetch;
}

type FinishReason = ChatCompletionChunk["choices"][number]["finish_reason"];

export class OpenAICompatibleError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = "OpenAICompatibleError";
    this.status = status;
  }
}

interface CompletionResponse {
  id?: string;
  created?: number;
  choices?: Array<{
    index?: number;
    message?: { content?: string | null; tool_calls?: ToolCall[] };
    finish_reason?: string | null;
  }>;
  usage?: ChatCompletionChunk["usage"];
}

function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const err = parsed.error;
    if (typeof err === "string") return err;
    if (err && typeof err === "object" && typeof (err as { message?: unknown }).message === "string") {
      return (err as { message: string }).message;
    }
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: fall back to the raw text
  }
  return body.slice(0, 500) || "(empty body)";
}

function normaliseFinish(reason: string | null | undefined): FinishReason {
  if (reason == null) return null;
  if (reason === "stop" || reason === "tool_calls" || reason === "length" || reason === "content_filter") return reason;
  if (reason === "function_call") return "tool_calls";
  return "stop";
}

export class OpenAICompatibleBackend implements ModelBackend {
  readonly id = "openai";
  readonly model: string;
  private readonly options: OpenAICompatibleBackendOptions;
  private readonly fetchImpl: typeof fetch;

  constructor(options: OpenAICompatibleBackendOptions) {
    this.options = options;
    this.model = options.model;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async *stream(request: ChatCompletionRequest, signal?: AbortSignal): AsyncIterable<ChatCompletionChunk> {
    const url = `${this.options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "text/event-stream" };
    if (this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`;
    const body = JSON.stringify({ ...request, model: this.model, stream: true, stream_options: { include_usage: true } });
    const res = await this.fetchImpl(url, { method: "POST", headers, body, signal: signal ?? null });
    if (!res.ok) {
      const text = await res.text().catch(() => "");
      throw new OpenAICompatibleError(`OpenAI-compatible backend failed: ${res.status}: ${errorMessage(text)}`, res.status);
    }
    const contentType = res.headers.get("content-type") ?? "";
    if (contentType.includes("application/json")) {
      yield* this.fromCompletion((await res.json()) as CompletionResponse, request.model);
      return;
    }
    if (!res.body) throw new OpenAICompatibleError("OpenAI-compatible backend returned no body", res.status);
    for await (const data of sseData(res.body)) {
      if (data === "[DONE]") return;
      const parsed = JSON.parse(data) as ChatCompletionChunk & { error?: unknown };
      if (parsed.error !== undefined) {
        throw new OpenAICompatibleError(`OpenAI-compatible backend stream error: ${errorMessage(data)}`, 200);
      }
      yield { ...parsed, object: "chat.completion.chunk", model: request.model, choices: parsed.choices ?? [] };
    }
  }

  private *fromCompletion(completion: CompletionResponse, model: string): Generator<ChatCompletionChunk> {
    const id = completion.id ?? `chatcmpl-${crypto.randomUUID()}`;
    const created = completion.created ?? Math.floor(Date.now() / 1000);
    const base = { id, object: "chat.completion.chunk" as const, created, model };
    const choices = completion.choices ?? [];
    for (const [i, choice] of choices.entries()) {
      const index = choice.index ?? i;
      const delta: ChunkDelta = { role: "assistant" };
      if (choice.message?.content) delta.content = choice.message.content;
      if (choice.message?.tool_calls?.length) {
        delta.tool_calls = choice.message.tool_calls.map((call, n) => ({
          index: n,
          id: call.id,
          type: "function",
          function: { name: call.function.name, arguments: call.function.arguments },
        }));
      }
      yield { ...base, choices: [{ index, delta, finish_reason: null }] };
      yield { ...base, choices: [{ index, delta: {}, finish_reason: normaliseFinish(choice.finish_reason) ?? "stop" }] };
    }
    if (completion.usage) yield { ...base, choices: [], usage: completion.usage };
  }
}

/** Yields the data of each server-sent event (multi-line `data:` fields joined by newlines). */
async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      // Split on LF only (stripping CR) so a CRLF divided between two chunks is not read as two line ends.
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, "");
        buffer = buffer.slice(newline + 1);
        if (line === "") {
          if (data.length > 0) yield data.join("\n");
          data = [];
        } else if (line.startsWith("data:")) {
          data.push(line.slice(5).replace(/^ /, ""));
        }
      }
    }
    buffer += decoder.decode();
    if (buffer.startsWith("data:")) data.push(buffer.slice(5).replace(/\r$/, "").replace(/^ /, ""));
    if (data.length > 0) yield data.join("\n");
  } finally {
    reader.cancel().catch(() => {});
  }
}

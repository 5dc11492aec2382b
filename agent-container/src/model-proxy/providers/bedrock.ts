/** Bedrock ConverseStream behind the OpenAI Chat Completions interface of the model proxy. */
import { setTimeout as delay } from "node:timers/promises";
import { AwsClient } from "aws4fetch";
import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChunkDelta,
  ContentPart,
  ModelBackend,
} from "../types.ts";
import type { AwsCredentials, CredentialProvider } from "./aws-credentials.ts";
import { eventStreamDecoder, type EventStreamMessage } from "./eventstream.ts";

export interface BedrockBackendOptions {
  region: string;
  modelId: string;
  /** Base URL of the Bedrock runtime, e.g. `https://bedrock-runtime.us-east-1.amazonaws.com` or a VPC endpoint. */
  endpoint: string;
  /** Asked on every request: role credentials rotate under a running container. */
  credentials: CredentialProvider;
  maxTokens?: number;
  guardrail?: { id: string; version: string };
  fetch?: typeof fetch;
}

type ConverseBlock = Record<string, unknown>;
interface ConverseMessage {
  role: "user" | "assistant";
  content: ConverseBlock[];
}

export interface ConverseRequest {
  messages: ConverseMessage[];
  system?: Array<{ text: string }>;
  inferenceConfig?: { maxTokens?: number; temperature?: number };
  toolConfig?: { tools: Array<{ toolSpec: Record<string, unknown> }>; toolChoice?: Record<string, unknown> };
  guardrailConfig?: { guardrailIdentifier: string; guardrailVersion: string };
}

export class BedrockError extends Error {
  readonly status: number;
  readonly retryable: boolean;
  constructor(message: string, status: number, retryable: boolean) {
    super(message);
    this.name = "BedrockError";
    this.status = status;
    this.retryable = retryable;
  }
}

const MAX_RETRIES = 2;
const RETRYABLE_EXCEPTIONS = new Set(["throttlingException", "serviceUnavailableException", "internalServerException"]);
const IMAGE_FORMATS = new Set(["png", "jpeg", "gif", "webp"]);

function textOf(content: string | ContentPart[] | null): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => (p.type === "text" ? p.text : "")).join("");
}

function contentBlocks(content: string | ContentPart[] | null): ConverseBlock[] {
  if (content == null) return [];
  const parts: ContentPart[] = typeof content === "string" ? [{ type: "text", text: content }] : content;
  const blocks: ConverseBlock[] = [];
  for (const part of parts) {
    if (part.type === "text") {
      // Bedrock rejects blank text blocks.
      if (part.text.trim() !== "") blocks.push({ text: part.text });
      continue;
    }
    const match = /^data:image\/([a-z]+);base64,(.*)$/s.exec(part.image_url.url);
    const format = match?.[1] === "jpg" ? "jpeg" : match?.[1];
    if (match && format && IMAGE_FORMATS.has(format)) blocks.push({ image: { format, source: { bytes: match[2] } } });
    else blocks.push({ text: `[image not forwarded: ${part.image_url.url.slice(0, 100)}]` });
  }
  return blocks;
}

function toolInput(args: string): unknown {
  if (args.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(args);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
  } catch {
    // fall through: Bedrock needs an object, so keep the raw text inside one
  }
  return { arguments: args };
}

function toolChoice(choice: unknown): Record<string, unknown> | undefined {
  if (choice === "required") return { any: {} };
  if (choice === "auto") return { auto: {} };
  if (choice && typeof choice === "object") {
    const name = (choice as { function?: { name?: unknown } }).function?.name;
    if (typeof name === "string") return { tool: { name } };
  }
  return undefined;
}

export function toConverseRequest(
  request: ChatCompletionRequest,
  options: Pick<BedrockBackendOptions, "maxTokens" | "guardrail"> = {},
): ConverseRequest {
  const system: Array<{ text: string }> = [];
  const messages: ConverseMessage[] = [];
  const push = (role: ConverseMessage["role"], content: ConverseBlock[]) => {
    if (content.length === 0) return;
    const last = messages[messages.length - 1];
    // Converse requires alternating roles; this also merges consecutive tool results into one user turn.
    if (last?.role === role) last.content.push(...content);
    else messages.push({ role, content });
  };

  for (const message of request.messages) {
    switch (message.role) {
      case "system":
      case "developer": {
        const text = textOf(message.content);
        if (text.trim() !== "") system.push({ text });
        break;
      }
      case "user":
        push("user", contentBlocks(message.content));
        break;
      case "assistant": {
        const blocks = contentBlocks(message.content);
        for (const call of message.tool_calls ?? []) {
          blocks.push({ toolUse: { toolUseId: call.id, name: call.function.name, input: toolInput(call.function.arguments) } });
        }
        push("assistant", blocks);
        break;
      }
      case "tool": {
        const text = textOf(message.content);
        // An empty tool result is legal in OpenAI but Bedrock rejects blank text.
        const content = [{ text: text.trim() === "" ? "(no output)" : text }];
        push("user", [{ toolResult: { toolUseId: message.tool_call_id, content } }]);
        break;
      }
    }
  }

  const converse: ConverseRequest = { messages };
  if (system.length > 0) converse.system = system;

  const requested = request.max_completion_tokens ?? request.max_tokens;
  const maxTokens =
    requested !== undefined && options.maxTokens !== undefined ? Math.min(requested, options.maxTokens) : (requested ?? options.maxTokens);
  const inferenceConfig: NonNullable<ConverseRequest["inferenceConfig"]> = {};
  if (maxTokens !== undefined) inferenceConfig.maxTokens = maxTokens;
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (Object.keys(inferenceConfig).length > 0) converse.inferenceConfig = inferenceConfig;

  if (request.tools && request.tools.length > 0) {
    const tools = request.tools.map((t) => {
      const toolSpec: Record<string, unknown> = { name: t.function.name };
      if (t.function.description) toolSpec.description = t.function.description;
      toolSpec.inputSchema = { json: t.function.parameters ?? { type: "object", properties: {} } };
      return { toolSpec };
    });
    const choice = toolChoice(request.tool_choice);
    converse.toolConfig = choice ? { tools, toolChoice: choice } : { tools };
  }

  if (options.guardrail) {
    converse.guardrailConfig = { guardrailIdentifier: options.guardrail.id, guardrailVersion: options.guardrail.version };
  }
  return converse;
}

function finishReason(stopReason: unknown): NonNullable<ChatCompletionChunk["choices"][number]["finish_reason"]> {
  switch (stopReason) {
    case "tool_use":
      return "tool_calls";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "guardrail_intervened":
    case "content_filtered":
      return "content_filter";
    default:
      return "stop";
  }
}

/** The `message` of an AWS JSON error body, else the raw text. */
function awsMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
    const m = parsed.message ?? parsed.Message;
    if (typeof m === "string") return m;
  } catch {
    // not JSON: fall back to the raw text
  }
  return text.slice(0, 500);
}

async function errorFromResponse(res: Response): Promise<BedrockError> {
  const message = awsMessage(await res.text().catch(() => ""));
  const type = res.headers.get("x-amzn-errortype")?.split(":")[0];
  const retryable = res.status === 429 || res.status >= 500;
  return new BedrockError(`Bedrock ConverseStream failed: ${res.status}${type ? ` ${type}` : ""}: ${message}`, res.status, retryable);
}

const utf8 = new TextDecoder();

function parseEvent(message: EventStreamMessage): { type: string; body: Record<string, unknown> } {
  const h = message.headers;
  if (h[":message-type"] === "exception") {
    const type = String(h[":exception-type"] ?? "exception");
    const text = awsMessage(utf8.decode(message.payload));
    throw new BedrockError(`Bedrock ConverseStream ${type}: ${text}`, 200, RETRYABLE_EXCEPTIONS.has(type));
  }
  if (h[":message-type"] === "error") {
    throw new BedrockError(`Bedrock ConverseStream ${String(h[":error-code"])}: ${String(h[":error-message"] ?? "")}`, 200, false);
  }
  const body = message.payload.length > 0 ? (JSON.parse(utf8.decode(message.payload)) as Record<string, unknown>) : {};
  return { type: String(h[":event-type"] ?? ""), body };
}

type Finish = ChatCompletionChunk["choices"][number]["finish_reason"];
interface PendingTool {
  index: number;
  id: string;
  name: string;
  input: string;
}

// One signer per credential set: AwsClient caches derived signing keys, and the provider hands out
// the same object until it refreshes.
const signers = new WeakMap<AwsCredentials, AwsClient>();

function signerFor(credentials: AwsCredentials, region: string): AwsClient {
  let signer = signers.get(credentials);
  if (!signer) {
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    signer = new AwsClient({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), service: "bedrock", region, retries: 0 });
    signers.set(credentials, signer);
  }
  return signer;
}

export class BedrockBackend implements ModelBackend {
  readonly id = "bedrock";
  readonly model: string;
  private readonly options: BedrockBackendOptions;
  private readonly fetchImpl: typeof fetch;

  constructor(options: BedrockBackendOptions) {
    this.options = options;
    this.model = options.modelId;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async *stream(request: ChatCompletionRequest, signal?: AbortSignal): AsyncIterable<ChatCompletionChunk> {
    const { region, modelId, endpoint } = this.options;
    // Encoded exactly once here (an ARN's ':' and '/' become %3A and %2F); aws4fetch adds the
    // second encoding SigV4 wants in the canonical request itself.
    const url = `${endpoint.replace(/\/+$/, "")}/model/${encodeURIComponent(modelId)}/converse-stream`;
    const body = JSON.stringify(toConverseRequest(request, this.options));
    const headers = { "Content-Type": "application/json", Accept: "application/vnd.amazon.eventstream" };
    for (let attempt = 0; ; attempt++) {
      let yielded = false;
      try {
        const aws = signerFor(await this.options.credentials.get(), region);
        const res = await this.fetchImpl(await aws.sign(url, { method: "POST", headers, body, signal: signal ?? null }));
        if (!res.ok) throw await errorFromResponse(res);
        for await (const chunk of this.chunks(res, request.model, signal)) {
          yielded = true;
          yield chunk;
        }
        return;
      } catch (err) {
        const retryable = err instanceof BedrockError ? err.retryable : err instanceof TypeError;
        if (yielded || !retryable || attempt >= MAX_RETRIES || signal?.aborted) throw err;
        await delay(250 * 2 ** attempt * (0.5 + Math.random() / 2), undefined, { signal });
      }
    }
  }

  private async *chunks(res: Response, model: string, signal?: AbortSignal): AsyncGenerator<ChatCompletionChunk> {
    if (!res.body) throw new BedrockError("Bedrock ConverseStream returned no body", res.status, true);
    const id = `chatcmpl-${crypto.randomUUID()}`;
    const base = { id, object: "chat.completion.chunk" as const, created: Math.floor(Date.now() / 1000), model };
    const chunk = (delta: ChunkDelta, finish: Finish = null): ChatCompletionChunk => ({
      ...base,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const toolChunk = (t: PendingTool) =>
      chunk({ tool_calls: [{ index: t.index, id: t.id, type: "function", function: { name: t.name, arguments: t.input || "{}" } }] });
    const pendingTools = new Map<number, PendingTool>();
    let toolCount = 0;
    let stopped = false;

    const reader = res.body.pipeThrough(eventStreamDecoder()).getReader();
    try {
      for (;;) {
        signal?.throwIfAborted();
        const { done, value } = await reader.read();
        if (done) break;
        const { type, body } = parseEvent(value);
        const blockIndex = body.contentBlockIndex as number;
        if (type === "messageStart") {
          yield chunk({ role: "assistant" });
        } else if (type === "contentBlockStart") {
          const toolUse = (body.start as { toolUse?: { toolUseId: string; name: string } } | undefined)?.toolUse;
          if (toolUse) pendingTools.set(blockIndex, { index: toolCount++, id: toolUse.toolUseId, name: toolUse.name, input: "" });
        } else if (type === "contentBlockDelta") {
          const delta = body.delta as { text?: string; toolUse?: { input?: string } } | undefined;
          if (typeof delta?.text === "string" && delta.text !== "") yield chunk({ content: delta.text });
          const tool = pendingTools.get(blockIndex);
          if (tool && typeof delta?.toolUse?.input === "string") tool.input += delta.toolUse.input;
        } else if (type === "contentBlockStop") {
          const tool = pendingTools.get(blockIndex);
          if (tool) yield toolChunk(tool);
          pendingTools.delete(blockIndex);
        } else if (type === "messageStop") {
          for (const tool of pendingTools.values()) yield toolChunk(tool);
          pendingTools.clear();
          stopped = true;
          yield chunk({}, finishReason(body.stopReason));
        } else if (type === "metadata") {
          const usage = body.usage as { inputTokens?: number; outputTokens?: number; totalTokens?: number } | undefined;
          if (!usage) continue;
          const prompt_tokens = usage.inputTokens ?? 0;
          const completion_tokens = usage.outputTokens ?? 0;
          const total_tokens = usage.totalTokens ?? prompt_tokens + completion_tokens;
          yield { ...base, choices: [], usage: { prompt_tokens, completion_tokens, total_tokens } };
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
    // A clean end of frames without messageStop means the connection was cut mid-answer.
    if (!stopped) throw new BedrockError("Bedrock ConverseStream ended before messageStop", 502, true);
  }
}

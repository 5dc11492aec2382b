import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ModelConfig } from "@clawgate/contracts";
import { judgeToolCall, offeredTools, summariseArgs } from "./policy.ts";
import type { TurnLedger } from "./turn-ledger.ts";
import type { ChatCompletionChunk, ChatCompletionRequest, ModelBackend, ToolCall } from "./types.ts";

export interface ProxyOptions {
  port: number;
  token: string;
  ledger: TurnLedger;
  /** The backend for a session agent (by agent id, which is the model name OpenClaw sends). */
  backendFor: (agentId: string) => ModelBackend;
  modelFor?: (agentId: string) => ModelConfig | null;
  log?: (line: string) => void;
}

/**
 * Loopback OpenAI-compatible endpoint in front of every model. The second enforcement point of
 * the tool policy (it never offers a tool outside the allowlist and refuses calls to one) and the
 * single place where token usage is measured.
 */
export function startModelProxy(options: ProxyOptions): Promise<Server> {
  const server = createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      options.log?.(`model proxy error: ${messageOf(error)}`);
      if (res.headersSent) res.end(sseError("the model proxy failed"));
      else openAIError(res, 500, "the model proxy failed", "server_error");
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve(server));
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ProxyOptions): Promise<void> {
  if (req.headers.authorization !== `Bearer ${options.token}`) {
    res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "unauthorised" } }));
    return;
  }
  if (req.method === "GET" && req.url === "/v1/models") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [] }));
    return;
  }
  if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
    return;
  }
  let request: ChatCompletionRequest;
  try {
    request = JSON.parse(await readBody(req)) as ChatCompletionRequest;
  } catch {
    return openAIError(res, 400, "the request body is not JSON", "invalid_request_error");
  }
  if (typeof request?.model !== "string" || !Array.isArray(request.messages)) {
    return openAIError(res, 400, "a chat completion request needs `model` and `messages`", "invalid_request_error");
  }
  const agentId = request.model;
  const policy = options.ledger.policyFor(agentId);
  const backend = options.backendFor(agentId);
  const filtered: ChatCompletionRequest = { ...request, tools: offeredTools(request.tools, policy) };
  if (!filtered.tools?.length) delete filtered.tools;

  // OpenClaw hanging up (an aborted run) stops the provider call too.
  const abort = new AbortController();
  res.once("close", () => abort.abort());
  const stream = backend.stream(filtered, abort.signal)[Symbol.asyncIterator]();
  let next: IteratorResult<ChatCompletionChunk>;
  try {
    next = await stream.next();
  } catch (error) {
    // Nothing sent yet, so a real HTTP error: OpenClaw fails the model call with this message.
    options.log?.(`model backend failed: ${messageOf(error)}`);
    return openAIError(res, upstreamStatus(error), messageOf(error), "upstream_error");
  }

  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (chunk: ChatCompletionChunk) => res.write(`data: ${JSON.stringify({ ...chunk, model: agentId })}\n\n`);
  const calls = new Map<number, ToolCall>();
  let finish: ChatCompletionChunk["choices"][number]["finish_reason"] = null;
  let template: ChatCompletionChunk | null = null;
  let sentText = false;
  let usage: ChatCompletionChunk["usage"];

  try {
    for (; !next.done; next = await stream.next()) {
      const chunk = next.value;
      template ??= chunk;
      if (chunk.usage) {
        usage = chunk.usage;
        options.ledger.recordUsage(agentId, chunk.usage.prompt_tokens, chunk.usage.completion_tokens, backend.model);
      }
      const choice = chunk.choices[0];
      if (choice?.finish_reason) finish = choice.finish_reason;
      for (const part of choice?.delta.tool_calls ?? []) {
        const call = calls.get(part.index) ?? { id: part.id ?? `call_${part.index}`, type: "function" as const, function: { name: "", arguments: "" } };
        if (part.id) call.id = part.id;
        call.function.name += part.function.name ?? "";
        call.function.arguments += part.function.arguments ?? "";
        calls.set(part.index, call);
      }
      if (choice?.delta.content) {
        sentText = true;
        send({ ...base(chunk), choices: [{ index: 0, delta: { content: choice.delta.content }, finish_reason: null }] });
      }
    }
  } catch (error) {
    // Mid-answer: an SSE error frame, which the OpenAI SDK inside OpenClaw raises as an API error.
    // No finish_reason and no [DONE] follow, so the partial answer is never taken as complete.
    options.log?.(`model backend failed mid-stream: ${messageOf(error)}`);
    res.end(sseError(messageOf(error)));
    return;
  }

  const frame: ChatCompletionChunk = template ? base(template) : { id: "proxy", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: agentId, choices: [] };
  const allowed: ToolCall[] = [];
  const refusals: string[] = [];
  for (const call of calls.values()) {
    const verdict = judgeToolCall(call, policy);
    options.ledger.recordTool(agentId, {
      tool: call.function.name,
      allowed: verdict.allowed,
      args: summariseArgs(verdict.args),
      ...(verdict.allowed ? {} : { reason: verdict.reason }),
    });
    if (verdict.allowed) allowed.push(call);
    else refusals.push(`I can't use the ${call.function.name} tool: ${verdict.reason}. Nothing was run.`);
  }
  if (allowed.length) {
    send({ ...frame, choices: [{ index: 0, delta: { role: "assistant", tool_calls: allowed.map((c, index) => ({ index, ...c })) }, finish_reason: null }] });
    finish = "tool_calls";
  } else if (refusals.length) {
    send({ ...frame, choices: [{ index: 0, delta: { content: `${sentText ? "\n\n" : ""}${refusals.join("\n")}` }, finish_reason: null }] });
    finish = "stop";
  }
  send({ ...frame, choices: [{ index: 0, delta: {}, finish_reason: finish ?? "stop" }], ...(usage ? { usage } : {}) });
  res.end("data: [DONE]\n\n");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The status OpenClaw should see for a provider failure. A provider's client error (bad request,
 * context too long, unknown model, throttling) keeps its status, so that OpenClaw treats it as it
 * would the provider's own answer: it gives up on a bad request at once (a 502 would be retried
 * three times) and backs off on throttling. Auth and billing failures concern the container's AWS
 * role or API key, not OpenClaw's key to this proxy: passed on, they would put the proxy's provider
 * entry into cooldown for every session; like everything else they become 502.
 */
function upstreamStatus(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status >= 400 && status < 500 && ![401, 402, 403, 407].includes(status)) return status;
  return 502;
}

/** OpenAI's error shape, so that OpenClaw shows the provider's reason rather than a bare status. */
function openAIError(res: ServerResponse, status: number, message: string, type: string): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message, type } }));
}

function sseError(message: string): string {
  return `data: ${JSON.stringify({ error: { message, type: "upstream_error" } })}\n\n`;
}

function base(chunk: ChatCompletionChunk): ChatCompletionChunk {
  const { usage: _usage, ...rest } = chunk;
  return rest;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { converseEvent, converseException, verifySigV4 } from "../../agent-container/src/testing/bedrock-wire.ts";

/**
 * Test-only fakes at the network boundary: a Bedrock runtime speaking ConverseStream (SigV4
 * checked, real event-stream frames), an OpenAI-compatible server, and the container credential
 * endpoint AgentCore provides. Both models follow one script, decided from the request alone:
 * - "who are you?" → a text answer naming the person found in the system prompt;
 * - "run git status" → a call to `exec` when it is offered (always, in adversarial mode), else a text refusal;
 * - the request ends with a tool result → a text answer quoting it;
 * - "fail mid-stream" → some text, then a failure inside the open stream;
 * - "fail before streaming" → an HTTP 400 from the provider.
 */

export interface ModelCall {
  /** Tool names the model was offered. */
  offered: string[];
  lastUserText: string;
  /** The tool result that closes the conversation, if it does. */
  toolResult: string | null;
  /** What the fake reported as usage for this call (none when it failed). */
  usage: { input: number; output: number } | null;
}

type Reply =
  | { kind: "text"; text: string }
  | { kind: "tool"; id: string; name: string; input: Record<string, unknown> }
  | { kind: "fail-mid-stream"; text: string }
  | { kind: "fail-before-streaming" };

export const PEOPLE = ["Carol Zhang", "Ryan Park"];

abstract class FakeModel {
  readonly calls: ModelCall[] = [];
  /** Calls `exec` for "run git status" even when it was not offered. */
  adversarial = false;
  protected readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => this.handle(req, body, res)).catch(() => res.writeHead(500).end());
    });
  }

  protected abstract handle(req: IncomingMessage, body: string, res: ServerResponse): void;

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The calls made since the last take: one turn's conversation with the model. */
  takeCalls(): ModelCall[] {
    return this.calls.splice(0);
  }

  protected decide(call: Omit<ModelCall, "usage">, system: string): Reply {
    if (call.toolResult !== null) return { kind: "text", text: `git said: ${call.toolResult.trim().split("\n")[0]}` };
    const text = call.lastUserText.toLowerCase();
    if (text.includes("fail mid-stream")) return { kind: "fail-mid-stream", text: "Here is a partial ans" };
    if (text.includes("fail before streaming")) return { kind: "fail-before-streaming" };
    if (text.includes("run git status")) {
      if (this.adversarial || call.offered.includes("exec")) {
        return { kind: "tool", id: `call_${this.calls.length}_exec`, name: "exec", input: { command: "git status" } };
      }
      return { kind: "text", text: "I have no shell tool here, so I cannot run that." };
    }
    const person = PEOPLE.find((p) => system.includes(p)) ?? "nobody I know";
    return { kind: "text", text: `I am the assistant of ${person}.` };
  }

  /** Distinct, deterministic token counts for each answered call. */
  protected usageFor(): { input: number; output: number } {
    const n = this.calls.filter((c) => c.usage).length + 1;
    return { input: 1_000 + 17 * n, output: 5 + 3 * n };
  }
}

interface ConverseBody {
  system?: Array<{ text: string }>;
  messages: Array<{ role: string; content: Array<{ text?: string; toolResult?: { content: Array<{ text?: string }> } }> }>;
  toolConfig?: { tools: Array<{ toolSpec: { name: string } }> };
}

export class FakeBedrock extends FakeModel {
  /** Requests refused for a bad path or signature; a passing run leaves this empty. */
  readonly rejections: string[] = [];
  readonly #modelId: string;
  readonly #region: string;
  readonly #role: RoleCredentials;

  /** Accepts only requests signed with `role`, the credentials the container was meant to fetch. */
  constructor(modelId: string, region: string, role: RoleCredentials) {
    super();
    this.#modelId = modelId;
    this.#region = region;
    this.#role = role;
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const expectedPath = `/model/${encodeURIComponent(this.#modelId)}/converse-stream`;
    if (req.method !== "POST" || req.url !== expectedPath) return this.#reject(res, 404, `unexpected ${req.method} ${req.url}`);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]));
    const check = verifySigV4({ method: req.method, url: req.url, headers, body }, (id) => (id === this.#role.AccessKeyId ? this.#role.SecretAccessKey : undefined));
    if (!check.ok) return this.#reject(res, 403, check.reason);
    if (check.sessionToken !== this.#role.Token) return this.#reject(res, 403, "missing or wrong x-amz-security-token");
    if (!check.scope.endsWith(`/${this.#region}/bedrock/aws4_request`)) return this.#reject(res, 403, `wrong credential scope ${check.scope}`);

    const converse = JSON.parse(body) as ConverseBody;
    const last = converse.messages.at(-1);
    const toolResult = last?.content.find((b) => b.toolResult)?.toolResult?.content.map((c) => c.text ?? "").join("") ?? null;
    // Converse merges consecutive user messages (a failed turn leaves one unanswered): the last text block is the newest.
    const lastUserText = converse.messages.filter((m) => m.role === "user").flatMap((m) => m.content.filter((b) => b.text)).at(-1)?.text ?? "";
    const call = {
      offered: (converse.toolConfig?.tools ?? []).map((t) => t.toolSpec.name).sort(),
      lastUserText,
      toolResult,
    };
    const reply = this.decide(call, (converse.system ?? []).map((s) => s.text).join("\n"));
    if (reply.kind === "fail-before-streaming") {
      this.calls.push({ ...call, usage: null });
      res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/" });
      return void res.end(JSON.stringify({ message: "Malformed input request (fake Bedrock)" }));
    }
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
    res.write(converseEvent("messageStart", { role: "assistant" }));
    if (reply.kind === "fail-mid-stream") {
      this.calls.push({ ...call, usage: null });
      res.write(converseEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text: reply.text } }));
      return void res.end(converseException("modelStreamErrorException", "The model stream failed mid-answer (fake Bedrock)."));
    }
    const usage = this.usageFor();
    this.calls.push({ ...call, usage });
    if (reply.kind === "text") {
      // Split in two deltas, as a real model streams.
      const half = Math.ceil(reply.text.length / 2);
      for (const text of [reply.text.slice(0, half), reply.text.slice(half)]) {
        res.write(converseEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text } }));
      }
      res.write(converseEvent("contentBlockStop", { contentBlockIndex: 0 }));
      res.write(converseEvent("messageStop", { stopReason: "end_turn" }));
    } else {
      const input = JSON.stringify(reply.input);
      res.write(converseEvent("contentBlockStart", { contentBlockIndex: 0, start: { toolUse: { toolUseId: reply.id, name: reply.name } } }));
      for (const part of [input.slice(0, 7), input.slice(7)]) {
        res.write(converseEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { toolUse: { input: part } } }));
      }
      res.write(converseEvent("contentBlockStop", { contentBlockIndex: 0 }));
      res.write(converseEvent("messageStop", { stopReason: "tool_use" }));
    }
    const { input, output } = usage;
    res.end(converseEvent("metadata", { usage: { inputTokens: input, outputTokens: output, totalTokens: input + output }, metrics: { latencyMs: 42 } }));
  }

  #reject(res: ServerResponse, status: number, reason: string): void {
    this.rejections.push(reason);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ message: reason }));
  }
}

interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  tools?: Array<{ function: { name: string } }>;
}

const textOf = (content: unknown): string =>
  typeof content === "string" ? content : Array.isArray(content) ? content.map((p: { text?: unknown }) => (typeof p?.text === "string" ? p.text : "")).join("") : "";

export class FakeOpenAI extends FakeModel {
  readonly rejections: string[] = [];
  readonly #model: string;
  readonly #apiKey: string;

  constructor(model: string, apiKey: string) {
    super();
    this.#model = model;
    this.#apiKey = apiKey;
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") return this.#reject(res, 404, `unexpected ${req.method} ${req.url}`);
    if (req.headers.authorization !== `Bearer ${this.#apiKey}`) return this.#reject(res, 401, "missing or wrong API key");
    const chat = JSON.parse(body) as ChatBody;
    if (chat.model !== this.#model) return this.#reject(res, 404, `unknown model ${chat.model}`);
    const last = chat.messages.at(-1);
    const call = {
      offered: (chat.tools ?? []).map((t) => t.function.name).sort(),
      lastUserText: textOf(chat.messages.filter((m) => m.role === "user").at(-1)?.content),
      toolResult: last?.role === "tool" ? textOf(last.content) : null,
    };
    const reply = this.decide(call, chat.messages.filter((m) => m.role === "system" || m.role === "developer").map((m) => textOf(m.content)).join("\n"));
    if (reply.kind === "fail-before-streaming") {
      this.calls.push({ ...call, usage: null });
      return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "bad request (fake OpenAI)", type: "invalid_request_error" } }));
    }
    const base = { id: `chatcmpl-fake-${this.calls.length}`, object: "chat.completion.chunk", created: 1_795_270_000, model: this.#model };
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) => res.write(`data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`);
    res.writeHead(200, { "content-type": "text/event-stream" });
    if (reply.kind === "fail-mid-stream") {
      this.calls.push({ ...call, usage: null });
      send([{ index: 0, delta: { role: "assistant", content: reply.text }, finish_reason: null }]);
      return void res.end(`data: ${JSON.stringify({ error: { message: "The model stream failed mid-answer (fake OpenAI).", type: "server_error" } })}\n\n`);
    }
    const usage = this.usageFor();
    this.calls.push({ ...call, usage });
    if (reply.kind === "text") {
      const half = Math.ceil(reply.text.length / 2);
      send([{ index: 0, delta: { role: "assistant", content: reply.text.slice(0, half) }, finish_reason: null }]);
      send([{ index: 0, delta: { content: reply.text.slice(half) }, finish_reason: null }]);
      send([{ index: 0, delta: {}, finish_reason: "stop" }]);
    } else {
      const args = JSON.stringify(reply.input);
      send([{ index: 0, delta: { role: "assistant", tool_calls: [{ index: 0, id: reply.id, type: "function", function: { name: reply.name, arguments: "" } }] }, finish_reason: null }]);
      send([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args } }] }, finish_reason: null }]);
      send([{ index: 0, delta: {}, finish_reason: "tool_calls" }]);
    }
    send([], { usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } });
    res.end("data: [DONE]\n\n");
  }

  #reject(res: ServerResponse, status: number, reason: string): void {
    this.rejections.push(reason);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: reason } }));
  }
}

export interface RoleCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
}

/** The AgentCore/ECS container credential endpoint: role credentials for a bearer of the right token. */
export class FakeCredentialEndpoint {
  readonly requests: Array<{ authorization: string | undefined }> = [];
  readonly credentials: RoleCredentials = { AccessKeyId: "ASIAFAKEAGENTCORE01", SecretAccessKey: "fake-role-secret-key", Token: "fake-role-session-token" };
  readonly #server: Server;
  readonly #token: string;

  constructor(token: string) {
    this.#token = token;
    this.#server = createServer((req, res) => {
      this.requests.push({ authorization: req.headers.authorization });
      if (req.headers.authorization !== this.#token) return void res.writeHead(401).end();
      const expiration = new Date(Date.now() + 60 * 60_000).toISOString();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...this.credentials, Expiration: expiration, RoleArn: "arn:aws:iam::123456789012:role/clawgate-agent" }));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1/credentials`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

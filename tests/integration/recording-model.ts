import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * Test-only fake model at the network boundary: a tiny OpenAI-compatible Chat Completions server
 * that records every request it receives (so a test can read exactly what reached the model) and
 * answers from a script in the user's message:
 * - `CALL <tool> <json>` → a tool call, whether or not the tool was offered (an adversarial model);
 * - the conversation ends with tool results → `TOOL RESULT: <output>`;
 * - anything else → a short text answer.
 */

export interface RecordedMessage {
  role: string;
  content: unknown;
  tool_calls?: Array<{ function: { name: string; arguments: string } }>;
}

export interface RecordedRequest {
  model: string;
  messages: RecordedMessage[];
  tools?: Array<{ function: { name: string } }>;
}

export const textOf = (content: unknown): string => {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : "")).join("");
  return "";
};

export const systemPromptOf = (request: RecordedRequest): string =>
  request.messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => textOf(m.content))
    .join("\n");

export const offeredToolsOf = (request: RecordedRequest): string[] => (request.tools ?? []).map((t) => t.function.name).sort();

const INTERNAL_CONTEXT = "<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>";

/** The message of the turn: OpenClaw replays earlier turns as history and may append its own context message. */
export const latestUserText = (request: RecordedRequest): string =>
  textOf(
    [...request.messages].reverse().find((m) => m.role === "user" && !textOf(m.content).trimStart().startsWith(INTERNAL_CONTEXT))?.content,
  );

/** What the last tool call of the turn returned, as the model saw it. */
export const lastToolOutput = (request: RecordedRequest): string =>
  textOf(request.messages.filter((m) => m.role === "tool").at(-1)?.content);

export class RecordingModel {
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<RecordingModel> {
    const server = createServer();
    const model = new RecordingModel(server);
    server.on("request", (req, res) => {
      void readJson(req).then((body) => {
        if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
          res.writeHead(404).end();
          return;
        }
        const request = body as RecordedRequest;
        model.requests.push(request);
        res.writeHead(200, { "content-type": "text/event-stream" });
        for (const chunk of answer(request)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        res.end("data: [DONE]\n\n");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return model;
  }

  get baseUrl(): string {
    const address = this.#server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** The model calls of one turn (tool round trips included): those whose latest user message carries `tag`. */
  requestsTagged(tag: string): RecordedRequest[] {
    return this.requests.filter((r) => latestUserText(r).includes(tag));
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on("error", reject);
  });
}

function answer(request: RecordedRequest): object[] {
  const base = { id: `fake-${request.messages.length}`, object: "chat.completion.chunk", created: 0, model: request.model };
  const usage = { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 };
  // Worded plainly: a reply starting "TOOL RESULT:" was rewritten by OpenClaw 2026.9.2 mid-stream and failed the turn.
  if (request.messages.at(-1)?.role === "tool") return textAnswer(base, `The tool returned:\n${lastToolOutput(request)}`, usage);
  const script = /CALL (\w+) (\{[^\n]*\})/.exec(latestUserText(request));
  if (script) {
    const call = { index: 0, id: `call_${request.messages.length}`, type: "function", function: { name: script[1], arguments: script[2] } };
    return [
      { ...base, choices: [{ index: 0, delta: { role: "assistant", tool_calls: [call] }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }], usage },
    ];
  }
  return textAnswer(base, "Fake model reply.", usage);
}

function textAnswer(base: object, text: string, usage: object): object[] {
  return [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: text }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage },
  ];
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { formatSse, InvocationRequest } from "@clawgate/contracts";
import type { Health } from "../health.ts";
import type { TurnRunner } from "../session/turn-runner.ts";
import { BlobHashMismatch } from "../workspace/blob-store.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyBody } from "./hmac.ts";
import { parseInvocation } from "./parse-invocation.ts";

const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface ContractServerOptions {
  port: number;
  host: string;
  hmacSecret: string | null;
  health: Health;
  runner: TurnRunner;
  /** Served on `GET /info` (not secret): lets the console label the offline model. */
  info: { offlineModel: boolean; model: string };
  log?: (line: string) => void;
}

export interface ContractServer {
  /** Stops taking invocations (shutdown): the listener closes and a request on a kept-alive connection gets 503. */
  stopAccepting(): void;
}

/**
 * The AgentCore HTTP contract: `GET /ping` and `POST /invocations` on 0.0.0.0:8080. A turn the
 * model or OpenClaw failed is a 200 result with `status: "error"`; 5xx means the runtime itself
 * is broken, which AgentCore takes as "replace this container".
 */
export function startContractServer(options: ContractServerOptions): Promise<ContractServer> {
  let accepting = true;
  const server = createServer((req, res) => {
    route(req, res, options, accepting).catch((error: unknown) => {
      options.log?.(`invocation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) json(res, 500, { error: { code: "runtime_error", message: "the agent runtime failed to run the turn" } });
      else res.end(formatSse("error", { code: "runtime_error", message: "the agent runtime failed to run the turn" }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () =>
      resolve({
        stopAccepting: () => {
          accepting = false;
          server.close();
        },
      }),
    );
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function route(req: IncomingMessage, res: ServerResponse, options: ContractServerOptions, accepting: boolean): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/ping") return json(res, 200, options.health.ping());
  if (req.method === "GET" && path === "/info") return json(res, 200, options.info);
  if (path !== "/invocations") return json(res, 404, { error: { code: "not_found", message: "no such route" } });
  if (req.method !== "POST") return json(res, 405, { error: { code: "method_not_allowed", message: "use POST" } });
  if (!accepting) return json(res, 503, { error: { code: "shutting_down", message: "the agent runtime is shutting down" } });

  const body = await readBody(req);
  if (body === null) return json(res, 413, { error: { code: "too_large", message: "invocation body exceeds 25 MiB" } });
  if (options.hmacSecret) {
    const signature = header(req, SIGNATURE_HEADER);
    const timestamp = header(req, TIMESTAMP_HEADER);
    if (!verifyBody(options.hmacSecret, { ...(signature ? { signature } : {}), ...(timestamp ? { timestamp } : {}) }, body)) {
      return json(res, 401, { error: { code: "bad_signature", message: "invalid or expired invocation signature" } });
    }
  }
  const parsed = parseInvocation(body);
  if (!parsed.ok) return json(res, 400, { error: { code: "invalid_invocation", ...parsed.error } });
  // Busy from here on, blob storage and workspace assembly included, not only while OpenClaw runs.
  return options.health.track(() => invoke(req, res, options, parsed.request));
}

async function invoke(req: IncomingMessage, res: ServerResponse, options: ContractServerOptions, request: InvocationRequest): Promise<void> {
  let prepared;
  try {
    prepared = await options.runner.prepare(request);
  } catch (error) {
    if (error instanceof BlobHashMismatch) return json(res, 400, { error: { code: "blob_mismatch", message: error.message } });
    throw error;
  }
  if ("needBlobs" in prepared) return json(res, 200, { needBlobs: prepared.needBlobs });

  const turn = prepared.ready;
  if (!(req.headers.accept ?? "").includes("text/event-stream")) return json(res, 200, await options.runner.run(turn));
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const result = await options.runner.run(turn, {
    onDelta: (text) => res.write(formatSse("delta", { text })),
    onTool: (event) => res.write(formatSse("tool", event)),
  });
  res.end(formatSse("result", result));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

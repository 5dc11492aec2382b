import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { InvocationRequest } from "@clawgate/contracts";
import type { Health } from "../health.ts";
import type { TurnRunner } from "../session/turn-runner.ts";
import { BlobHashMismatch } from "../workspace/blob-store.ts";
import { formatSse } from "@clawgate/contracts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyBody } from "./hmac.ts";

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

/** The AgentCore HTTP contract: `GET /ping` and `POST /invocations` on 0.0.0.0:8080. */
export function startContractServer(options: ContractServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    route(req, res, options).catch((error: unknown) => {
      options.log?.(`invocation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) json(res, 500, { error: { code: "runtime_error", message: "the agent runtime failed to run the turn" } });
      else res.end(formatSse("error", { code: "runtime_error", message: "the agent runtime failed to run the turn" }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function route(req: IncomingMessage, res: ServerResponse, options: ContractServerOptions): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/ping") return json(res, 200, options.health.ping());
  if (req.method === "GET" && path === "/info") return json(res, 200, options.info);
  if (path !== "/invocations") return json(res, 404, { error: { code: "not_found", message: "no such route" } });
  if (req.method !== "POST") return json(res, 405, { error: { code: "method_not_allowed", message: "use POST" } });

  const body = await readBody(req);
  if (body === null) return json(res, 413, { error: { code: "too_large", message: "invocation body exceeds 25 MiB" } });
  if (options.hmacSecret) {
    const signature = header(req, SIGNATURE_HEADER);
    const timestamp = header(req, TIMESTAMP_HEADER);
    if (!verifyBody(options.hmacSecret, { ...(signature ? { signature } : {}), ...(timestamp ? { timestamp } : {}) }, body)) {
      return json(res, 401, { error: { code: "bad_signature", message: "invalid or expired invocation signature" } });
    }
  }
  let parsed: InvocationRequest;
  try {
    parsed = InvocationRequest.parse(JSON.parse(body));
  } catch (error) {
    return json(res, 400, { error: { code: "invalid_invocation", message: error instanceof Error ? error.message.slice(0, 500) : "invalid JSON" } });
  }
  let prepared;
  try {
    prepared = await options.runner.prepare(parsed);
  } catch (error) {
    if (error instanceof BlobHashMismatch) return json(res, 400, { error: { code: "blob_mismatch", message: error.message } });
    throw error;
  }
  if ("needBlobs" in prepared) return json(res, 200, { needBlobs: prepared.needBlobs });

  const request = prepared.ready;
  if (!(req.headers.accept ?? "").includes("text/event-stream")) {
    const result = await options.health.track(() => options.runner.run(request));
    return json(res, 200, result);
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const result = await options.health.track(() =>
    options.runner.run(request, {
      onDelta: (text) => res.write(formatSse("delta", { text })),
      onTool: (event) => res.write(formatSse("tool", event)),
    }),
  );
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

import { RuntimeError, type RuntimeClient, type RuntimeInvokeOptions } from "./types.ts";

/** Plain HTTP runtime (local dev, always-on containers): HMAC-SHA256 over `<timestamp>.<body>`. */
export class HttpRuntimeClient implements RuntimeClient {
  readonly #url: string;
  readonly #secret: string;
  readonly #fetch: typeof fetch;

  constructor(options: { url: string; secret: string; fetch?: typeof fetch }) {
    this.#url = options.url.replace(/\/$/, "");
    this.#secret = options.secret;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async invoke({ body, accept, sessionId, signal }: RuntimeInvokeOptions): Promise<Response> {
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await this.#fetch(`${this.#url}/invocations`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: accept === "sse" ? "text/event-stream" : "application/json",
          "x-clawgate-timestamp": String(timestamp),
          "x-clawgate-signature": await hmacSignature(this.#secret, `${timestamp}.${body}`),
          "x-amzn-bedrock-agentcore-runtime-session-id": sessionId,
        },
        body,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw new RuntimeError(`runtime unreachable at ${this.#url}: ${error instanceof Error ? error.message : String(error)}`, 502, true);
    }
    if (response.ok) return response;
    const text = await response.text();
    throw new RuntimeError(`runtime answered ${response.status}: ${text.slice(0, 300)}`, response.status, response.status >= 500 || response.status === 429);
  }
}

export async function hmacSignature(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message));
  return `v1=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

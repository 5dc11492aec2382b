/** InvokeAgentRuntime and StopRuntimeSession on Bedrock AgentCore, SigV4-signed with aws4fetch. */
import { AwsClient } from "aws4fetch";
import { RuntimeError, type RuntimeClient, type RuntimeInvokeOptions } from "./types.ts";

export interface AgentCoreClientOptions {
  target: { arn: string; qualifier: string; region: string };
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Total attempts including the first (default 3). */
  maxAttempts?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** 409 is RetryableConflict: the session's microVM is still busy with a previous request. */
const RETRYABLE_STATUSES = new Set([409, 429, 500, 502, 503, 504]);
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 5_000;

export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  // Half fixed, half random: spreads retries of concurrent turns without ever retrying immediately.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

type Operation = "InvokeAgentRuntime" | "StopRuntimeSession";

async function describeFailure(operation: Operation, res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  let message = text.slice(0, 500);
  try {
    const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
    const m = parsed.message ?? parsed.Message;
    if (typeof m === "string") message = m;
  } catch {
    // non-JSON body: keep the raw text
  }
  // x-amzn-ErrorType may carry a suffix such as "ThrottlingException:http://internal.amazon.com/…".
  const type = res.headers.get("x-amzn-errortype")?.split(":")[0];
  return `AgentCore ${operation} failed: ${res.status}${type ? ` ${type}` : ""}${message ? `: ${message}` : ""}`;
}

export class AgentCoreClient implements RuntimeClient {
  private readonly options: AgentCoreClientOptions;
  private readonly aws: AwsClient;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: AgentCoreClientOptions) {
    this.options = options;
    this.aws = new AwsClient({
      ...options.credentials,
      service: "bedrock-agentcore",
      region: options.target.region,
      retries: 0,
    });
    // Wrapped, not passed bare: workerd throws "Illegal invocation" for an unbound global fetch.
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async invoke({ sessionId, body, accept, signal }: RuntimeInvokeOptions): Promise<Response> {
    return this.#send("InvokeAgentRuntime", "invocations", sessionId, body, { Accept: accept === "sse" ? "text/event-stream" : "application/json" }, signal);
  }

  /**
   * Ends the session's microVM at once (StopRuntimeSession), so its next invocation starts a fresh
   * one from the current plan. A session AgentCore no longer knows (404) has already ended.
   */
  async stopSession(sessionId: string, signal?: AbortSignal): Promise<"stopped" | "already_ended"> {
    // One client token for every attempt: a retried stop is the same request to AgentCore.
    const body = JSON.stringify({ clientToken: crypto.randomUUID() });
    try {
      const res = await this.#send("StopRuntimeSession", "stopruntimesession", sessionId, body, {}, signal);
      await res.body?.cancel();
      return "stopped";
    } catch (error) {
      if (error instanceof RuntimeError && error.status === 404) return "already_ended";
      throw error;
    }
  }

  async #send(operation: Operation, action: string, sessionId: string, body: string, extraHeaders: Record<string, string>, signal?: AbortSignal): Promise<Response> {
    if (sessionId.length < 33 || sessionId.length > 256) {
      throw new RuntimeError(`AgentCore runtime session id must be 33–256 characters, got ${sessionId.length}`, 400, false);
    }
    const { arn, qualifier, region } = this.options.target;
    const url =
      `https://bedrock-agentcore.${region}.amazonaws.com/runtimes/${encodeURIComponent(arn)}/${action}` +
      `?qualifier=${encodeURIComponent(qualifier)}`;
    const headers = {
      "Content-Type": "application/json",
      ...extraHeaders,
      "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id": sessionId,
    };
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 3);

    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const request = await this.aws.sign(url, { method: "POST", headers, body, signal: signal ?? null });
      let res: Response;
      try {
        res = await this.fetchImpl(request);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        // No response: the invocation may have reached the runtime, so resending could run a turn twice.
        const message = err instanceof Error ? err.message : String(err);
        throw new RuntimeError(`AgentCore ${operation} network error: ${message}`, 502, true);
      }
      if (res.ok) return res;

      const retryable = RETRYABLE_STATUSES.has(res.status);
      const message = await describeFailure(operation, res);
      if (!retryable || attempt >= maxAttempts) {
        throw new RuntimeError(attempt > 1 ? `${message} (after ${attempt} attempts)` : message, res.status, retryable);
      }
      signal?.throwIfAborted();
      await this.sleep(backoffDelay(attempt));
    }
  }
}

/** How the edge reaches an agent runtime. Transport only: plan, blobs and retries of needBlobs live in the turn runner. */

export type RuntimeTarget =
  | { kind: "http"; id: string; url: string }
  | { kind: "agentcore"; id: string; arn: string; qualifier: string; region: string };

export interface RuntimeInvokeOptions {
  /** Stable per (employee, access path), 33–256 chars. */
  sessionId: string;
  /** JSON text of an InvocationRequest (already serialised so it can be signed and re-sent). */
  body: string;
  accept: "json" | "sse";
  signal?: AbortSignal;
}

export interface RuntimeClient {
  /** Sends one invocation; resolves with the runtime's HTTP response (JSON or `text/event-stream`). */
  invoke(options: RuntimeInvokeOptions): Promise<Response>;
}

export class RuntimeError extends Error {
  readonly status: number;
  readonly retryable: boolean;

  constructor(message: string, status: number, retryable: boolean) {
    super(message);
    this.status = status;
    this.retryable = retryable;
    this.name = "RuntimeError";
  }
}

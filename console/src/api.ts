import type { ChatResult, FirstAdminRequest, Me, RuntimeInfo, SetupStatus, SsoStatus, ToolEvent, TranscriptEntry } from "@clawgate/contracts";
import { readSse } from "@clawgate/contracts";

/** A failed API call: HTTP status plus the server's `{error:{code,message}}` body when present. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The rest of the server's `error` object: validation `issues`, delete `blockers`, SOUL `currentVersion`. */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Reads `{error:{code,message}}` (or a bare `{code,message}`) into code + message. */
function describeError(body: unknown, fallback: string): { code: string; message: string } {
  const inner = isRecord(body) && isRecord((body as ErrorBody).error) ? (body as ErrorBody).error : body;
  if (isRecord(inner)) {
    const code = typeof inner["code"] === "string" ? inner["code"] : "error";
    const message = typeof inner["message"] === "string" && inner["message"] ? inner["message"] : fallback;
    return { code, message };
  }
  return { code: "error", message: fallback };
}

async function errorFromResponse(res: Response): Promise<ApiError> {
  // No message of the server's: left empty, so the page words the failure itself, in the UI language.
  const fallback = "";
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON — use the fallback message
  }
  const { code, message } = describeError(body, fallback);
  const inner = isRecord(body) && isRecord((body as ErrorBody).error) ? ((body as ErrorBody).error as Record<string, unknown>) : {};
  return new ApiError(res.status, code, message, inner);
}

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has("Accept")) headers.set("Accept", "application/json");
  if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const res = await fetch(path, { credentials: "same-origin", ...init, headers });
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The signed-in employee, or null when there is no valid session (401). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await request<Me>("/api/auth/me", signal ? { signal } : {});
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function login(employeeId: string, password: string): Promise<Me> {
  return request<Me>("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ employeeId, password }),
  });
}

/** Replaces the caller's password; the answer is the signed-in employee, no longer restricted. */
export function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  return request<Me>("/api/auth/password", {
    method: "POST",
    body: JSON.stringify({ currentPassword, newPassword }),
  });
}

export function getSsoStatus(signal?: AbortSignal): Promise<SsoStatus> {
  return request<SsoStatus>("/api/auth/sso", signal ? { signal } : {});
}

/** Whether the first admin still has to be created (and can be), and whether this is the demo org. */
export function getSetupStatus(signal?: AbortSignal): Promise<SetupStatus> {
  return request<SetupStatus>("/api/auth/setup", signal ? { signal } : {});
}

/** Creates the first admin with the SETUP_TOKEN; the answer is that admin, signed in. */
export function createFirstAdmin(body: FirstAdminRequest): Promise<Me> {
  return request<Me>("/api/auth/setup", { method: "POST", body: JSON.stringify(body) });
}

export async function logout(): Promise<void> {
  await request<void>("/api/auth/logout", { method: "POST" });
}

export function getRuntimeInfo(signal?: AbortSignal): Promise<RuntimeInfo> {
  return request<RuntimeInfo>("/api/runtime-info", signal ? { signal } : {});
}

export async function getTranscript(signal?: AbortSignal): Promise<TranscriptEntry[]> {
  const body = await request<{ entries: TranscriptEntry[] }>("/api/portal/transcript", signal ? { signal } : {});
  return body.entries;
}

/** One event of a streamed portal turn. */
export type ChatStreamEvent =
  | { type: "delta"; text: string }
  | { type: "tool"; event: ToolEvent }
  | { type: "result"; result: ChatResult }
  | { type: "error"; code: string; message: string };

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/**
 * Sends a chat message and yields the turn's events as they arrive.
 * Non-2xx responses (before the stream starts) throw an ApiError.
 */
export async function* streamChat(
  message: string,
  clientMessageId: string,
  signal?: AbortSignal,
  path = "/api/portal/chat",
): AsyncGenerator<ChatStreamEvent> {
  const res = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ message, clientMessageId }),
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) throw await errorFromResponse(res);

  // Tolerate a server that answers with a plain JSON ChatResult instead of a stream.
  const contentType = res.headers.get("Content-Type") ?? "";
  if (!contentType.includes("text/event-stream")) {
    const result = (await res.json()) as ChatResult;
    for (const event of result.toolEvents ?? []) yield { type: "tool", event };
    yield { type: "result", result };
    return;
  }
  if (!res.body) throw new ApiError(res.status, "no_body", "The server sent an empty stream.");

  for await (const sse of readSse(res.body)) {
    const data = parseJson(sse.data);
    switch (sse.event) {
      case "delta":
        if (isRecord(data) && typeof data["text"] === "string") yield { type: "delta", text: data["text"] };
        break;
      case "tool":
        if (isRecord(data) && typeof data["tool"] === "string") yield { type: "tool", event: data as ToolEvent };
        break;
      case "result":
        if (isRecord(data) && typeof data["reply"] === "string") yield { type: "result", result: data as ChatResult };
        break;
      case "error": {
        const { code, message: text } = describeError(data, ""); // empty: the chat words it in the UI language
        yield { type: "error", code, message: text };
        break;
      }
      default:
        break; // unknown events are ignored
    }
  }
}

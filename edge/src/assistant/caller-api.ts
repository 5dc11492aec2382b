/** A request into the Worker's own API, as the app dispatches it (app.ts passes `app.fetch`). */
export type ApiDispatch = (path: string, init: RequestInit) => Promise<Response>;

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/**
 * The API as the admin calling the assistant sees it: every tool goes through the real route with
 * the caller's own session cookie, so authentication, scope and RBAC are exactly the API's and a
 * write is audited with the caller as actor. Paths are built by the tools from validated ids only.
 */
export class CallerApi {
  readonly #dispatch: ApiDispatch;
  readonly #cookie: string;

  constructor(dispatch: ApiDispatch, cookie: string) {
    this.#dispatch = dispatch;
    this.#cookie = cookie;
  }

  get(path: string, query: Record<string, string | number | undefined> = {}): Promise<ApiAnswer> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const qs = search.toString();
    return this.#send("GET", qs ? `${path}?${qs}` : path);
  }

  put(path: string, body: unknown): Promise<ApiAnswer> {
    return this.#send("PUT", path, body);
  }

  async #send(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const headers: Record<string, string> = { cookie: this.#cookie, accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await this.#dispatch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { error: { code: "not_json", message: `status ${res.status}` } };
    }
    return { status: res.status, body: parsed };
  }
}

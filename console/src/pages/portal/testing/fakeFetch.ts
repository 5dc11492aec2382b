import { vi } from "vitest";

/** A request the page sent, as the fake server saw it. */
export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

type Handler = (request: SentRequest) => { status?: number; body?: unknown } | undefined;

/**
 * A fake of the edge API at the fetch boundary for component tests: each route is "METHOD /path"
 * (query string excluded) answered by a handler; anything else is a 404 so an unexpected call shows
 * up as an error on the page rather than passing silently.
 */
export function fakeFetch(routes: Record<string, Handler>): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, "http://console.test");
      const request: SentRequest = {
        method: (init.method ?? "GET").toUpperCase(),
        path: url.pathname,
        body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      };
      sent.push(request);
      const answer = routes[`${request.method} ${request.path}`]?.(request) ?? {
        status: 404,
        body: { error: { code: "not_found", message: `No fake for ${request.method} ${request.path}` } },
      };
      const status = answer.status ?? 200;
      return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return sent;
}

/** A JSON answer. */
export const json = (body: unknown, status = 200) => () => ({ status, body });

import { request } from "./org-client.ts";

/** Test-only helpers for the digital twin: the token of a link, and the public chat without a session. */
export const tokenOf = (url: string) => new URL(url).pathname.replace(/^\/twin\//, "");

export function twinChat(token: string, message: string, init: { accept?: string; headers?: Record<string, string>; visitorId?: string } = {}) {
  return request(`/api/public/twin/${token}/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: init.accept ?? "application/json", ...init.headers },
    body: JSON.stringify({ message, ...(init.visitorId ? { visitorId: init.visitorId } : {}) }),
  });
}

import { exports } from "cloudflare:workers";
import { DEMO_PASSWORD } from "../src/seed/seed.ts";
import { testEnv } from "./seeded.ts";

/** Test-only: requests through the real Worker as a signed-in ACME user. */
const worker = (exports as unknown as { default: { fetch: (r: Request) => Promise<Response> } }).default;

export const request = (path: string, init: RequestInit = {}) => worker.fetch(new Request(`https://clawgate.test${path}`, init));

/** Signs in with the demo password through the real login route and returns the session cookie. */
export async function signInAs(employeeId: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ employeeId, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${employeeId} failed: ${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

/** A client bound to one session cookie (or none); JSON in, `{status, body}` out. */
export function client(cookie: string | null) {
  const send = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return {
    get: (path: string) => send("GET", path),
    post: (path: string, body: unknown) => send("POST", path, body),
    patch: (path: string, body: unknown) => send("PATCH", path, body),
    put: (path: string, body: unknown) => send("PUT", path, body),
    delete: (path: string) => send("DELETE", path),
  };
}

export async function configVersion(): Promise<number> {
  const row = await testEnv.DB.prepare("SELECT value FROM settings WHERE key = 'config_version'").first<{ value: string }>();
  return Number(row?.value);
}

export async function auditEvents(type: string): Promise<{ actor: string; employee_id: string | null; detail: Record<string, unknown> }[]> {
  const rows = await testEnv.DB.prepare("SELECT actor, employee_id, detail FROM audit_events WHERE type = ? ORDER BY id").bind(type).all<{ actor: string; employee_id: string | null; detail: string }>();
  return rows.results.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

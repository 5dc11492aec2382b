/**
 * Registers the stack's runtimes through ClawGate's admin API, as an admin: signs in, adds each
 * runtime whose ARN is not registered yet, and makes the standard runtime the default when no
 * runtime is. Running it twice changes nothing the second time.
 */
import { CreateRuntime, Runtime, RuntimeList } from "@clawgate/contracts";
import type { z } from "zod";

export class AdminApiError extends Error {}

export class AdminApi {
  readonly #origin: string;
  readonly #fetch: typeof fetch;
  #cookie = "";

  constructor(origin: string, fetchImpl: typeof fetch = fetch) {
    const url = new URL(origin);
    // The session cookie and the admin's password must never cross the network in clear.
    if (url.protocol !== "https:" && !["localhost", "127.0.0.1"].includes(url.hostname)) throw new AdminApiError(`Refusing ${origin}: use https (plain http only for localhost).`);
    this.#origin = url.origin;
    this.#fetch = fetchImpl;
  }

  async signIn(employeeId: string, password: string): Promise<void> {
    const res = await this.#request("POST", "/api/auth/login", { employeeId, password });
    const session = res.headers.getSetCookie().find((cookie) => cookie.startsWith("cg_session="));
    if (!session) throw new AdminApiError("Signed in, but the answer set no session cookie.");
    this.#cookie = session.split(";")[0]!;
  }

  async runtimes(): Promise<Runtime[]> {
    return (await this.#json("GET", "/api/admin/runtimes", RuntimeList)).runtimes;
  }

  async createRuntime(body: CreateRuntime): Promise<Runtime> {
    return this.#json("POST", "/api/admin/runtimes", Runtime, body);
  }

  async makeDefault(id: string): Promise<Runtime> {
    return this.#json("PATCH", `/api/admin/runtimes/${encodeURIComponent(id)}`, Runtime, { isDefault: true });
  }

  async #json<T extends z.ZodType>(method: string, path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const res = await this.#request(method, path, body);
    const parsed = schema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new AdminApiError(`${method} ${path} answered ${res.status} with an unexpected body.`);
    return parsed.data;
  }

  async #request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.#cookie) headers.cookie = this.#cookie;
    const res = await this.#fetch(`${this.#origin}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    if (res.ok) return res;
    const error = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new AdminApiError(`${method} ${path} failed: ${res.status}${error?.error ? ` ${error.error.code}: ${error.error.message}` : ""}`);
  }
}

/** Adds what is missing; returns one line per runtime saying what happened. */
export async function registerRuntimes(api: AdminApi, bodies: CreateRuntime[]): Promise<string[]> {
  const existing = await api.runtimes();
  const report: string[] = [];
  const registered: Runtime[] = [];
  for (const body of bodies) {
    if (body.kind !== "agentcore") continue;
    const known = existing.find((runtime) => runtime.kind === "agentcore" && runtime.arn === body.arn);
    if (known) {
      report.push(`${body.name}: already registered as ${known.id} (${known.name})`);
      registered.push(known);
      continue;
    }
    const created = await api.createRuntime(body);
    report.push(`${body.name}: registered as ${created.id}`);
    registered.push(created);
  }
  const first = registered[0];
  if (first && !existing.some((runtime) => runtime.isDefault)) {
    await api.makeDefault(first.id);
    report.push(`${first.name}: made the default runtime (there was none)`);
  }
  return report;
}

import { exports } from "cloudflare:workers";
import type { Role } from "@clawgate/contracts";
import { hashPassword } from "../src/auth/password.ts";
import { testEnv } from "./seeded.ts";

/** Test-only helpers for the sign-in tests: requests through the real Worker, and accounts made in D1. */
const worker = (exports as unknown as { default: { fetch: (r: Request) => Promise<Response> } }).default;

export const call = (path: string, init: RequestInit = {}) => worker.fetch(new Request(`https://clawgate.test${path}`, init));

export const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

export const login = (employeeId: string, password: string, headers: Record<string, string> = {}) => postJson("/api/auth/login", { employeeId, password }, headers);

export const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;

export const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), cookie } });

export async function signIn(employeeId: string, password: string): Promise<string> {
  const res = await login(employeeId, password);
  if (res.status !== 200) throw new Error(`sign-in of ${employeeId} failed: ${res.status} ${await res.text()}`);
  return cookieOf(res);
}

/**
 * An employee as the org API creates one: an initial password and the column default for
 * must_change_password (a forced change on first sign-in).
 */
export async function createEmployee(id: string, password: string, role: Role = "employee"): Promise<void> {
  await testEnv.DB.prepare(
    `INSERT INTO employees (id, name, employee_number, email, position_id, department_id, role, password_hash, created_at)
     VALUES (?, ?, ?, ?, 'pos-fa', 'dept-finance', ?, ?, ?)`,
  )
    .bind(id, `New ${id}`, `NUM-${id}`, `${id}@acme.example`, role, await hashPassword(password), new Date().toISOString())
    .run();
}

export async function auditTypes(employeeId: string): Promise<string[]> {
  const rows = await testEnv.DB.prepare("SELECT type FROM audit_events WHERE employee_id = ? ORDER BY id").bind(employeeId).all<{ type: string }>();
  return rows.results.map((row) => row.type);
}

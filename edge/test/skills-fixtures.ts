import type { AccessPath } from "@clawgate/contracts";
import { loadEmployee, putBlob } from "@clawgate/durable-objects";
import { buildPlanBase } from "@clawgate/durable-objects/turn/plan-builder.ts";
import { client, request } from "./org-client.ts";
import { testEnv } from "./seeded.ts";

/** Test-only: skill packages and what the next plan of an employee holds. */

export interface PackageOptions {
  version?: string;
  description?: string;
  allowedRoles?: string[];
  blockedRoles?: string[];
  requiredSecrets?: string[];
  permissions?: string[];
  /** Instructions after the frontmatter. */
  body?: string;
  /** Extra frontmatter lines after name and description. */
  frontmatter?: string[];
}

export function skillPackage(name: string, options: PackageOptions = {}) {
  const description = options.description ?? `Helps with ${name} tasks.`;
  const manifest = {
    name,
    version: options.version ?? "1.0.0",
    description,
    allowedRoles: options.allowedRoles ?? ["*"],
    blockedRoles: options.blockedRoles ?? [],
    requiredSecrets: options.requiredSecrets ?? [],
    permissions: options.permissions ?? [],
  };
  const body = options.body ?? `# ${name}\n\nSummarise what the user asks about in three bullet points.\n`;
  const skillMd = ["---", `name: ${name}`, `description: ${description}`, ...(options.frontmatter ?? []), "---", "", body].join("\n");
  return { manifest, skillMd };
}

export async function planSkills(employeeId: string, accessPath: AccessPath = "employee"): Promise<string[]> {
  return (await planOf(employeeId, accessPath)).skills.map((s) => s.name);
}

export async function rowCount(table: string, where = "1 = 1", ...binds: unknown[]): Promise<number> {
  const row = await testEnv.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).bind(...binds).first<{ n: number }>();
  return row?.n ?? 0;
}

/** org-client's JSON client plus PUT (the catalog replaces packages and sets secrets with it). */
export function skillClient(cookie: string | null) {
  const put = async (path: string, body: unknown) => {
    const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
    if (cookie) headers.cookie = cookie;
    const res = await request(path, { method: "PUT", headers, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { ...client(cookie), put };
}

export async function planOf(employeeId: string, accessPath: AccessPath = "employee") {
  const employee = await loadEmployee(testEnv.DB, employeeId);
  if (!employee) throw new Error(`no ${employeeId}`);
  return (await buildPlanBase(testEnv.DB, employee, accessPath)).body;
}

/**
 * Fresh rows for the authorization matrix, so destructive calls never interfere: a catalog skill
 * nobody uses, an employee of a department with a pending request or an install, a queued submission.
 */
const fresh = () => crypto.randomUUID().slice(0, 8);
const now = () => new Date().toISOString();

export async function freshSkill(): Promise<string> {
  const name = `mx-${fresh()}`;
  const { manifest, skillMd } = skillPackage(name);
  await testEnv.DB.prepare("INSERT INTO skills (name, version, description, sha256, size, allowed_roles, created_at) VALUES (?, '1.0.0', ?, ?, ?, '[\"*\"]', ?)")
    .bind(name, manifest.description, await putBlob(testEnv.CONTENT, skillMd), skillMd.length, now())
    .run();
  return name;
}

async function freshEmployeeIn(departmentId: string): Promise<string> {
  const id = `emp-mxs-${fresh()}`;
  await testEnv.DB.prepare("INSERT INTO employees (id, name, employee_number, email, position_id, department_id, role, created_at) VALUES (?, ?, ?, ?, 'pos-ae', ?, 'employee', ?)")
    .bind(id, `Matrix ${id}`, id, `${id}@acme.example`, departmentId, now())
    .run();
  return id;
}

/** A pending request for deep-research (open to everyone but interns) by a new employee of the department. */
export async function freshSkillRequest(departmentId: string): Promise<string> {
  const id = `skr-mx-${fresh()}`;
  await testEnv.DB.prepare("INSERT INTO skill_requests (id, employee_id, skill_name, status, created_at) VALUES (?, ?, 'deep-research', 'pending', ?)")
    .bind(id, await freshEmployeeIn(departmentId), now())
    .run();
  return id;
}

export async function freshSkillInstall(departmentId: string): Promise<string> {
  const employeeId = await freshEmployeeIn(departmentId);
  await testEnv.DB.prepare("INSERT INTO skill_installs (employee_id, skill_name, granted_by, installed_at) VALUES (?, 'deep-research', 'emp-jiade', ?)").bind(employeeId, now()).run();
  return employeeId;
}

export { freshEmployeeIn as freshSkillEmployee };

export async function freshSkillSubmission(): Promise<string> {
  const id = `sks-mx-${fresh()}`;
  const { manifest, skillMd } = skillPackage(`mx-sub-${fresh()}`);
  await testEnv.DB.prepare("INSERT INTO skill_submissions (id, name, version, manifest, sha256, size, submitted_by, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'emp-sarah', 'pending', ?)")
    .bind(id, manifest.name, manifest.version, JSON.stringify(manifest), await putBlob(testEnv.CONTENT, skillMd), skillMd.length, now())
    .run();
  return id;
}

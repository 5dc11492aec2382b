import { ulid } from "ulid";
import type { CatalogSkill, Capability, SkillInstall, SkillPackageManifest, SkillRequest, SkillSubmission } from "@clawgate/contracts";

/** D1 rows of the skill tables and their API shapes. Secret values never pass through here. */

interface SkillRow {
  name: string;
  version: string;
  description: string;
  allowed_roles: string;
  blocked_roles: string;
  required_secrets: string;
  permissions: string;
  sha256: string;
  size: number;
  created_by: string;
  created_at: string;
  updated_at: string | null;
}

interface RequestRow {
  id: string;
  employee_id: string;
  skill_name: string;
  reason: string;
  status: SkillRequest["status"];
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: string;
}

interface InstallRow {
  employee_id: string;
  skill_name: string;
  granted_by: string;
  request_id: string | null;
  installed_at: string;
}

interface SubmissionRow {
  id: string;
  name: string;
  version: string;
  manifest: string;
  sha256: string;
  size: number;
  submitted_by: string;
  status: SkillSubmission["status"];
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: string;
}

const SKILL_COLUMNS = "name, version, description, allowed_roles, blocked_roles, required_secrets, permissions, sha256, size, created_by, created_at, updated_at";
const REQUEST_COLUMNS = "id, employee_id, skill_name, reason, status, decided_by, decided_at, decision_reason, created_at";
const INSTALL_COLUMNS = "employee_id, skill_name, granted_by, request_id, installed_at";
const SUBMISSION_COLUMNS = "id, name, version, manifest, sha256, size, submitted_by, status, decided_by, decided_at, decision_reason, created_at";

const list = (json: string) => JSON.parse(json) as string[];

const toSkill = (r: SkillRow): CatalogSkill => ({
  name: r.name,
  version: r.version,
  description: r.description,
  allowedRoles: list(r.allowed_roles),
  blockedRoles: list(r.blocked_roles),
  requiredSecrets: list(r.required_secrets),
  permissions: list(r.permissions) as Capability[],
  sha256: r.sha256,
  size: r.size,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRequest = (r: RequestRow): SkillRequest => ({
  id: r.id,
  employeeId: r.employee_id,
  skill: r.skill_name,
  reason: r.reason,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionReason: r.decision_reason,
  createdAt: r.created_at,
});

const toInstall = (r: InstallRow): SkillInstall => ({ employeeId: r.employee_id, skill: r.skill_name, grantedBy: r.granted_by, requestId: r.request_id, installedAt: r.installed_at });

const toSubmission = (r: SubmissionRow): SkillSubmission => ({
  id: r.id,
  name: r.name,
  version: r.version,
  manifest: JSON.parse(r.manifest) as SkillPackageManifest,
  sha256: r.sha256,
  size: r.size,
  submittedBy: r.submitted_by,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionReason: r.decision_reason,
  createdAt: r.created_at,
});

export async function findSkill(db: D1Database, name: string): Promise<CatalogSkill | null> {
  const row = await db.prepare(`SELECT ${SKILL_COLUMNS} FROM skills WHERE name = ?`).bind(name).first<SkillRow>();
  return row ? toSkill(row) : null;
}

export async function listSkills(db: D1Database): Promise<CatalogSkill[]> {
  const rows = await db.prepare(`SELECT ${SKILL_COLUMNS} FROM skills ORDER BY name`).all<SkillRow>();
  return rows.results.map(toSkill);
}

/** The catalog row of a package, for INSERT and for UPDATE (name last, so it doubles as the WHERE). */
export function skillValues(manifest: SkillPackageManifest, sha256: string, size: number): unknown[] {
  return [
    manifest.version,
    manifest.description,
    JSON.stringify(manifest.allowedRoles),
    JSON.stringify(manifest.blockedRoles),
    JSON.stringify(manifest.requiredSecrets),
    JSON.stringify(manifest.permissions),
    sha256,
    size,
    manifest.name,
  ];
}

export function insertSkill(db: D1Database, manifest: SkillPackageManifest, sha256: string, size: number, createdBy: string, at: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO skills (version, description, allowed_roles, blocked_roles, required_secrets, permissions, sha256, size, name, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(...skillValues(manifest, sha256, size), createdBy, at);
}

export async function findRequest(db: D1Database, id: string): Promise<SkillRequest | null> {
  const row = await db.prepare(`SELECT ${REQUEST_COLUMNS} FROM skill_requests WHERE id = ?`).bind(id).first<RequestRow>();
  return row ? toRequest(row) : null;
}

export async function queryRequests(db: D1Database, where: string, binds: unknown[]): Promise<SkillRequest[]> {
  const rows = await db.prepare(`SELECT ${REQUEST_COLUMNS} FROM skill_requests WHERE ${where} ORDER BY id DESC LIMIT 500`).bind(...binds).all<RequestRow>();
  return rows.results.map(toRequest);
}

export async function findInstall(db: D1Database, employeeId: string, skill: string): Promise<SkillInstall | null> {
  const row = await db.prepare(`SELECT ${INSTALL_COLUMNS} FROM skill_installs WHERE employee_id = ? AND skill_name = ?`).bind(employeeId, skill).first<InstallRow>();
  return row ? toInstall(row) : null;
}

export async function queryInstalls(db: D1Database, where: string, binds: unknown[]): Promise<SkillInstall[]> {
  const rows = await db.prepare(`SELECT ${INSTALL_COLUMNS} FROM skill_installs WHERE ${where} ORDER BY employee_id, skill_name LIMIT 1000`).bind(...binds).all<InstallRow>();
  return rows.results.map(toInstall);
}

export async function findSubmission(db: D1Database, id: string): Promise<SkillSubmission | null> {
  const row = await db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM skill_submissions WHERE id = ?`).bind(id).first<SubmissionRow>();
  return row ? toSubmission(row) : null;
}

export async function querySubmissions(db: D1Database, where: string, binds: unknown[]): Promise<SkillSubmission[]> {
  const rows = await db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM skill_submissions WHERE ${where} ORDER BY id DESC LIMIT 500`).bind(...binds).all<SubmissionRow>();
  return rows.results.map(toSubmission);
}

/** Request and submission ids: a prefixed ULID, sortable by time. */
export const newSkillId = (prefix: "skr" | "sks") => `${prefix}-${ulid().toLowerCase()}`;

import { selectRoute } from "../runtime/select.ts";

/** Reads of the D1 control plane that the turn path needs. */

export interface EmployeeRecord {
  id: string;
  name: string;
  employeeNumber: string;
  email: string;
  role: "admin" | "manager" | "employee";
  tags: string[];
  language: string;
  runtimeId: string | null;
  position: {
    id: string;
    name: string;
    capabilities: string[];
    runtimeId: string | null;
  };
  department: { id: string; name: string };
  /** Role names of the department and all its ancestors. */
  departmentRoleNames: string[];
}

export async function configVersion(db: D1Database): Promise<string> {
  const row = await db.prepare("SELECT value FROM settings WHERE key = 'config_version'").first<{ value: string }>();
  return row?.value ?? "0";
}

/**
 * Every control-plane change bumps the configuration version; EmployeeAgent objects cache plans
 * per version, so the next turn of every agent is planned afresh. Batch it with the change itself
 * so neither lands alone.
 */
export function bumpConfigVersion(db: D1Database): D1PreparedStatement {
  return db.prepare("UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'config_version'");
}

/** The IM accounts the employee paired, so the agent knows where it can reach them. */
export async function pairedChannels(db: D1Database, employeeId: string): Promise<Array<{ channel: string; handle: string }>> {
  const { results } = await db
    .prepare("SELECT channel, platform_user_id AS handle FROM channel_bindings WHERE employee_id = ? ORDER BY channel, paired_at")
    .bind(employeeId)
    .all<{ channel: string; handle: string }>();
  return results;
}

export async function loadEmployee(db: D1Database, employeeId: string): Promise<EmployeeRecord | null> {
  const row = await db
    .prepare(
      `SELECT e.id, e.name, e.employee_number, e.email, e.role, e.tags, e.language, e.runtime_id,
              p.id AS p_id, p.name AS p_name, p.capabilities, p.runtime_id AS p_runtime,
              d.id AS d_id, d.name AS d_name
         FROM employees e JOIN positions p ON p.id = e.position_id JOIN departments d ON d.id = e.department_id
        WHERE e.id = ?`,
    )
    .bind(employeeId)
    .first<Record<string, string | number | null>>();
  if (!row) return null;
  const ancestry = await db
    .prepare(
      `WITH RECURSIVE chain(id, parent_id, role_name) AS (
         SELECT id, parent_id, role_name FROM departments WHERE id = ?
         UNION ALL SELECT d.id, d.parent_id, d.role_name FROM departments d JOIN chain c ON d.id = c.parent_id)
       SELECT role_name FROM chain`,
    )
    .bind(row.d_id)
    .all<{ role_name: string }>();
  return {
    id: String(row.id),
    name: String(row.name),
    employeeNumber: String(row.employee_number),
    email: String(row.email),
    role: row.role as EmployeeRecord["role"],
    tags: JSON.parse(String(row.tags)) as string[],
    language: String(row.language),
    runtimeId: row.runtime_id === null ? null : String(row.runtime_id),
    position: {
      id: String(row.p_id),
      name: String(row.p_name),
      capabilities: JSON.parse(String(row.capabilities)) as string[],
      runtimeId: row.p_runtime === null ? null : String(row.p_runtime),
    },
    department: { id: String(row.d_id), name: String(row.d_name) },
    departmentRoleNames: [...new Set(ancestry.results.map((r) => r.role_name))],
  };
}

/** Current version of each prompt layer that applies to the employee. */
export async function currentLayers(db: D1Database, positionId: string, employeeId: string) {
  const rows = await db
    .prepare(
      `SELECT file, scope, sha256 FROM soul_layers s
        WHERE ((scope = 'global' AND scope_id = '*') OR (scope = 'position' AND scope_id = ?) OR (scope = 'personal' AND scope_id = ?))
          AND version = (SELECT MAX(version) FROM soul_layers t WHERE t.file = s.file AND t.scope = s.scope AND t.scope_id = s.scope_id)`,
    )
    .bind(positionId, employeeId)
    .all<{ file: "SOUL" | "AGENTS"; scope: "global" | "position" | "personal"; sha256: string }>();
  const find = (file: string, scope: string) => rows.results.find((r) => r.file === file && r.scope === scope)?.sha256 ?? null;
  return {
    soul: { global: find("SOUL", "global"), position: find("SOUL", "position"), personal: find("SOUL", "personal") },
    agents: { global: find("AGENTS", "global"), position: find("AGENTS", "position") },
  };
}

export interface KbDocumentRow {
  kb_id: string;
  kb_name: string;
  generated: number;
  file: string | null;
  title: string | null;
  sha256: string | null;
}

export async function assignedKnowledge(db: D1Database, positionId: string, employeeId: string): Promise<KbDocumentRow[]> {
  const rows = await db
    .prepare(
      `SELECT kb.id AS kb_id, kb.name AS kb_name, kb.generated, d.file, d.title, d.sha256
         FROM knowledge_bases kb LEFT JOIN kb_documents d ON d.kb_id = kb.id
        WHERE kb.id IN (SELECT kb_id FROM kb_assignments
                         WHERE scope = 'everyone' OR (scope = 'position' AND scope_id = ?) OR (scope = 'employee' AND scope_id = ?))
        ORDER BY kb.id, d.file`,
    )
    .bind(positionId, employeeId)
    .all<KbDocumentRow>();
  return rows.results;
}

export interface DirectoryEntry {
  name: string;
  email: string;
  position: string;
  department: string;
  askAbout: string;
}

export async function directoryEntries(db: D1Database): Promise<DirectoryEntry[]> {
  const rows = await db
    .prepare(
      `SELECT e.name, e.email, p.name AS position, d.name AS department, e.ask_about
         FROM employees e JOIN positions p ON p.id = e.position_id JOIN departments d ON d.id = e.department_id
        ORDER BY d.name, e.name`,
    )
    .all<{ name: string; email: string; position: string; department: string; ask_about: string }>();
  return rows.results.map((r) => ({ name: r.name, email: r.email, position: r.position, department: r.department, askAbout: r.ask_about }));
}

export interface RuntimeRow {
  id: string;
  name: string;
  kind: "http" | "agentcore";
  endpoint: string;
  qualifier: string | null;
  region: string | null;
}

/** The runtime of the employee's next turn: always-on endpoint, employee override, position rule, default (runtime/select.ts). */
export async function routeRuntime(db: D1Database, employee: EmployeeRecord): Promise<RuntimeRow> {
  return (await selectRoute(db, employee)).runtime;
}

import { ulid } from "ulid";
import type { Capability, Department, Employee, Position, Role } from "@clawgate/contracts";
import { ApiFailure, invalidRequest } from "../../http/errors.ts";

/** D1 rows of the organisation tables and their API shapes (no password hash ever leaves here). */

interface DepartmentRow {
  id: string;
  name: string;
  parent_id: string | null;
  role_name: string;
}

interface PositionRow {
  id: string;
  name: string;
  department_id: string;
  capabilities: string;
  default_skills: string;
  runtime_id: string | null;
}

interface EmployeeRow {
  id: string;
  name: string;
  employee_number: string;
  email: string;
  position_id: string;
  department_id: string;
  role: Role;
  tags: string;
  language: string;
  ask_about: string;
  must_change_password: number;
  has_password: number;
  created_at: string;
}

export const DEPARTMENT_COLUMNS = "id, name, parent_id, role_name";
export const POSITION_COLUMNS = "id, name, department_id, capabilities, default_skills, runtime_id";
export const EMPLOYEE_COLUMNS =
  "id, name, employee_number, email, position_id, department_id, role, tags, language, ask_about, must_change_password, password_hash IS NOT NULL AS has_password, created_at";

export const toDepartment = (r: DepartmentRow): Department => ({ id: r.id, name: r.name, parentId: r.parent_id, roleName: r.role_name });

export const toPosition = (r: PositionRow): Position => ({
  id: r.id,
  name: r.name,
  departmentId: r.department_id,
  capabilities: JSON.parse(r.capabilities) as Capability[],
  defaultSkills: JSON.parse(r.default_skills) as string[],
  runtimeId: r.runtime_id,
});

export const toEmployee = (r: EmployeeRow): Employee => ({
  id: r.id,
  name: r.name,
  employeeNumber: r.employee_number,
  email: r.email,
  positionId: r.position_id,
  departmentId: r.department_id,
  role: r.role,
  tags: JSON.parse(r.tags) as string[],
  language: r.language,
  askAbout: r.ask_about,
  mustChangePassword: r.must_change_password === 1,
  hasPassword: r.has_password === 1,
  createdAt: r.created_at,
});

export async function findDepartment(db: D1Database, id: string): Promise<Department | null> {
  const row = await db.prepare(`SELECT ${DEPARTMENT_COLUMNS} FROM departments WHERE id = ?`).bind(id).first<DepartmentRow>();
  return row ? toDepartment(row) : null;
}

export async function findPosition(db: D1Database, id: string): Promise<Position | null> {
  const row = await db.prepare(`SELECT ${POSITION_COLUMNS} FROM positions WHERE id = ?`).bind(id).first<PositionRow>();
  return row ? toPosition(row) : null;
}

export async function findEmployee(db: D1Database, id: string): Promise<Employee | null> {
  const row = await db.prepare(`SELECT ${EMPLOYEE_COLUMNS} FROM employees WHERE id = ?`).bind(id).first<EmployeeRow>();
  return row ? toEmployee(row) : null;
}

export async function queryDepartments(db: D1Database, where: string, binds: unknown[]): Promise<Department[]> {
  const rows = await db.prepare(`SELECT ${DEPARTMENT_COLUMNS} FROM departments WHERE ${where} ORDER BY name, id`).bind(...binds).all<DepartmentRow>();
  return rows.results.map(toDepartment);
}

export async function queryPositions(db: D1Database, where: string, binds: unknown[]): Promise<Position[]> {
  const rows = await db.prepare(`SELECT ${POSITION_COLUMNS} FROM positions WHERE ${where} ORDER BY name, id`).bind(...binds).all<PositionRow>();
  return rows.results.map(toPosition);
}

export async function queryEmployees(db: D1Database, where: string, binds: unknown[], limit: number): Promise<Employee[]> {
  const rows = await db
    .prepare(`SELECT ${EMPLOYEE_COLUMNS} FROM employees WHERE ${where} ORDER BY id LIMIT ?`)
    .bind(...binds, limit)
    .all<EmployeeRow>();
  return rows.results.map(toEmployee);
}

/** A prefixed ULID: ids are generated, never chosen, so a deleted record's id is never reused. */
export const newId = (prefix: "dept" | "pos" | "emp") => `${prefix}-${ulid().toLowerCase()}`;

/** A body field that names something missing — or outside the caller's scope, which reads the same. */
export function unknownReference(field: string, kind: string): ApiFailure {
  return invalidRequest([{ path: field, message: `no such ${kind}` }]);
}

/**
 * Runs a change as one D1 batch (a transaction). A unique or foreign-key violation means the
 * state changed under the request (a duplicate email, a dependent added meanwhile): 409, nothing written.
 */
export async function commit(db: D1Database, statements: D1PreparedStatement[]): Promise<D1Result[]> {
  try {
    return await db.batch(statements);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/UNIQUE constraint failed: employees\.id/.test(message)) throw new ApiFailure(409, "conflict", "Another employee already has this id.");
    if (/UNIQUE constraint failed: employees\.email/.test(message)) throw new ApiFailure(409, "conflict", "Another employee already has this email.");
    if (/UNIQUE constraint failed: employees\.employee_number/.test(message)) throw new ApiFailure(409, "conflict", "Another employee already has this employee number.");
    if (/FOREIGN KEY constraint failed/.test(message)) throw new ApiFailure(409, "conflict", "Something this change depends on was changed at the same time. Reload and try again.");
    throw error;
  }
}

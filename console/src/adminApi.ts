import type {
  CreateEmployee,
  DepartmentNode,
  Employee,
  PlaygroundPipeline,
  Position,
  SoulChange,
  SoulDiff,
  SoulHistory,
  SoulLayer,
  SoulLayerKind,
} from "@clawgate/contracts";
import { request } from "./api.ts";

/** The admin API as the console uses it. Scope is the server's: a manager gets their subtree only. */

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

export async function getDepartmentTree(signal?: AbortSignal): Promise<DepartmentNode[]> {
  return (await request<{ roots: DepartmentNode[] }>("/api/admin/departments/tree", withSignal(signal))).roots;
}

export async function getPositions(signal?: AbortSignal): Promise<Position[]> {
  return (await request<{ positions: Position[] }>("/api/admin/positions", withSignal(signal))).positions;
}

/** Every employee in scope, following the server's pages. */
export async function getEmployees(signal?: AbortSignal): Promise<Employee[]> {
  const all: Employee[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=500&cursor=${encodeURIComponent(cursor)}` : "?limit=500";
    const page: { employees: Employee[]; nextCursor: string | null } = await request(`/api/admin/employees${query}`, withSignal(signal));
    all.push(...page.employees);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export type NewEmployee = Omit<CreateEmployee, "tags" | "language" | "askAbout"> & Partial<Pick<CreateEmployee, "tags" | "language" | "askAbout">>;

export const createEmployee = (body: NewEmployee) =>
  request<{ employee: Employee; agent: { status: "ready"; planVersion: string } | { status: "failed"; message: string } }>("/api/admin/employees", {
    method: "POST",
    body: JSON.stringify(body),
  });

export type OrgKind = "employees" | "positions" | "departments";

/** A guarded delete: 409 with `blockers` while dependents remain. */
export const deleteOrgItem = (kind: OrgKind, id: string) => request<unknown>(`/api/admin/${kind}/${encodeURIComponent(id)}`, { method: "DELETE" });

/** The API path of one SOUL layer: global, a position's, or an employee's own. */
export function soulPath(layer: SoulLayerKind, scopeId: string): string {
  if (layer === "global") return "/api/admin/soul/global";
  return layer === "position" ? `/api/admin/positions/${encodeURIComponent(scopeId)}/soul` : `/api/admin/employees/${encodeURIComponent(scopeId)}/soul`;
}

export const getSoul = (path: string, signal?: AbortSignal) => request<SoulLayer>(path, withSignal(signal));
export const getSoulHistory = (path: string, signal?: AbortSignal) => request<SoulHistory>(`${path}/versions`, withSignal(signal));
/** What version `to` changed against the one before it. */
export const getSoulDiff = (path: string, to: number) => request<SoulDiff>(`${path}/diff?to=${to}`);
export const saveSoul = (path: string, text: string, baseVersion: number) =>
  request<SoulChange>(path, { method: "PUT", body: JSON.stringify({ text, baseVersion }) });
/** Makes an earlier version's text the latest, as a new version; baseVersion guards against a concurrent save as for a save. */
export const revertSoul = (path: string, version: number, baseVersion: number) =>
  request<SoulChange>(`${path}/revert`, { method: "POST", body: JSON.stringify({ version, baseVersion }) });

export const getPipeline = (employeeId: string, signal?: AbortSignal) =>
  request<PlaygroundPipeline>(`/api/admin/playground/${encodeURIComponent(employeeId)}/pipeline`, withSignal(signal));

export const playgroundChatPath = (employeeId: string) => `/api/admin/playground/${encodeURIComponent(employeeId)}/chat`;

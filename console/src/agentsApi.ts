import type {
  AgentList,
  AgentSummary,
  ApplyConfig,
  ApplyResult,
  EmployeeAgentConfig as EmployeeAgentConfigSchema,
  EmployeeRouting,
  Model,
  PositionAgentConfig as PositionAgentConfigSchema,
  RouteExplanation,
  Runtime,
  Schedule,
  UpdateAgentConfig,
} from "@clawgate/contracts";
import { request } from "./api.ts";

/**
 * The Agent Factory's API: the agent list, model settings per position and employee, routing and
 * "apply now". Scope and role are the server's: a manager gets their subtree and a 403 for what
 * only admins may change.
 */

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});
const id = (value: string) => encodeURIComponent(value);
const patch = (body: unknown): RequestInit => ({ method: "PATCH", body: JSON.stringify(body) });

// The contracts export these as schemas only; their parsed shapes are what the API sends.
export type EmployeeAgentConfig = ReturnType<(typeof EmployeeAgentConfigSchema)["parse"]>;
export type PositionAgentConfig = ReturnType<(typeof PositionAgentConfigSchema)["parse"]>;

export const getAgents = async (signal?: AbortSignal): Promise<AgentSummary[]> => (await request<AgentList>("/api/admin/agents", withSignal(signal))).agents;
export const getModels = async (signal?: AbortSignal): Promise<Model[]> => (await request<{ models: Model[] }>("/api/admin/models", withSignal(signal))).models;
export const getRuntimes = async (signal?: AbortSignal): Promise<Runtime[]> => (await request<{ runtimes: Runtime[] }>("/api/admin/runtimes", withSignal(signal))).runtimes;

export const getEmployeeAgentConfig = (employeeId: string, signal?: AbortSignal) =>
  request<EmployeeAgentConfig>(`/api/admin/employees/${id(employeeId)}/agent-config`, withSignal(signal));
export const changeEmployeeAgentConfig = (employeeId: string, change: UpdateAgentConfig) =>
  request<EmployeeAgentConfig>(`/api/admin/employees/${id(employeeId)}/agent-config`, patch(change));

export const getPositionAgentConfig = (positionId: string, signal?: AbortSignal) =>
  request<PositionAgentConfig>(`/api/admin/positions/${id(positionId)}/agent-config`, withSignal(signal));
export const changePositionAgentConfig = (positionId: string, change: UpdateAgentConfig) =>
  request<PositionAgentConfig>(`/api/admin/positions/${id(positionId)}/agent-config`, patch(change));

export const getRouting = (employeeId: string, signal?: AbortSignal) => request<EmployeeRouting>(`/api/admin/employees/${id(employeeId)}/routing`, withSignal(signal));
export const changeRouting = (employeeId: string, change: { runtimeId?: string | null; alwaysOnEndpoint?: string | null }) =>
  request<EmployeeRouting>(`/api/admin/employees/${id(employeeId)}/routing`, patch(change));
/** The employee's scheduled tasks, as their agent keeps them (read-only here: the employee and their agent change them). */
export const getEmployeeSchedules = async (employeeId: string, signal?: AbortSignal): Promise<Schedule[]> =>
  (await request<{ schedules: Schedule[] }>(`/api/admin/schedules?employeeId=${id(employeeId)}`, withSignal(signal))).schedules;
export const getRoute = (employeeId: string, signal?: AbortSignal) => request<RouteExplanation>(`/api/admin/employees/${id(employeeId)}/route`, withSignal(signal));

/** Ends the affected agents' runtime sessions so a change reaches even a running one now. */
export const applyConfig = (target: ApplyConfig) => request<ApplyResult>("/api/admin/config/apply", { method: "POST", body: JSON.stringify(target) });

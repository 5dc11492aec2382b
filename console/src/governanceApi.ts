import type {
  AdminChannelBinding as AdminChannelBindingSchema,
  AuditEvent,
  Budget,
  BudgetException,
  BudgetState,
  CatalogSkill,
  ChannelName,
  ChannelSettings as ChannelSettingsSchema,
  KbAssignmentScope,
  KbDocumentMeta,
  KnowledgeBase,
  Position,
  SkillInstall,
  SkillRequest,
  SkillSubmission,
  UsageGroupBy,
  UsageRow,
  UsageTotals,
} from "@clawgate/contracts";
import { request } from "./api.ts";

// The contracts export these two as schemas only; their parsed shapes are what the API sends.
export type AdminChannelBinding = ReturnType<(typeof AdminChannelBindingSchema)["parse"]>;
export type ChannelSettings = ReturnType<(typeof ChannelSettingsSchema)["parse"]>;

/** The admin pages' API: skills, knowledge, audit, usage & budgets, IM channels. Scope is the server's. */

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});
const post = (body: unknown): RequestInit => ({ method: "POST", body: JSON.stringify(body) });

// ─── Skills ──────────────────────────────────────────────────────────────────────────────────

export const getCatalog = async (signal?: AbortSignal) => (await request<{ skills: CatalogSkill[] }>("/api/admin/skills", withSignal(signal))).skills;

export const getSkillRequests = async (signal?: AbortSignal) =>
  (await request<{ requests: SkillRequest[] }>("/api/admin/skill-requests?status=pending", withSignal(signal))).requests;

export const approveSkillRequest = (id: string) => request<SkillRequest>(`/api/admin/skill-requests/${encodeURIComponent(id)}/approve`, post({}));
export const rejectSkillRequest = (id: string, reason: string) => request<SkillRequest>(`/api/admin/skill-requests/${encodeURIComponent(id)}/reject`, post({ reason }));

export const getSkillInstalls = async (signal?: AbortSignal) => (await request<{ installs: SkillInstall[] }>("/api/admin/skill-installs", withSignal(signal))).installs;

/** The review queue is admin-only on the server. */
export const getSubmissions = async (signal?: AbortSignal) =>
  (await request<{ submissions: SkillSubmission[] }>("/api/admin/skill-submissions?status=pending", withSignal(signal))).submissions;

export const approveSubmission = (id: string) => request<SkillSubmission>(`/api/admin/skill-submissions/${encodeURIComponent(id)}/approve`, post({}));
export const rejectSubmission = (id: string, reason: string) => request<SkillSubmission>(`/api/admin/skill-submissions/${encodeURIComponent(id)}/reject`, post({ reason }));

/** A skill reaches a position's agents through the position's default skills. */
export const setPositionSkills = (positionId: string, defaultSkills: string[]) =>
  request<Position>(`/api/admin/positions/${encodeURIComponent(positionId)}`, { method: "PATCH", body: JSON.stringify({ defaultSkills }) });

// ─── Knowledge ───────────────────────────────────────────────────────────────────────────────

export const getKnowledgeBases = async (signal?: AbortSignal) =>
  (await request<{ knowledgeBases: KnowledgeBase[] }>("/api/admin/knowledge-bases", withSignal(signal))).knowledgeBases;

/** Sends the file's bytes as they are: the server checks size (413), encoding and content. */
export const uploadKbDocument = (kbId: string, file: string, body: Blob) =>
  request<KbDocumentMeta>(`/api/admin/knowledge-bases/${encodeURIComponent(kbId)}/documents/${encodeURIComponent(file)}`, {
    method: "PUT",
    headers: { "Content-Type": "text/markdown; charset=utf-8" },
    body,
  });

export const deleteKbDocument = (kbId: string, file: string) =>
  request<unknown>(`/api/admin/knowledge-bases/${encodeURIComponent(kbId)}/documents/${encodeURIComponent(file)}`, { method: "DELETE" });

export const assignKb = (kbId: string, scope: KbAssignmentScope, targetId: string) =>
  request<unknown>(`/api/admin/knowledge-bases/${encodeURIComponent(kbId)}/assignments`, post(scope === "everyone" ? { scope } : { scope, targetId }));

export const unassignKb = (kbId: string, scope: KbAssignmentScope, targetId: string) =>
  request<unknown>(`/api/admin/knowledge-bases/${encodeURIComponent(kbId)}/assignments/${scope}/${encodeURIComponent(targetId)}`, { method: "DELETE" });

// ─── Audit ───────────────────────────────────────────────────────────────────────────────────

export interface AuditFilters {
  type: string;
  actor: string;
  employeeId: string;
  from: string;
  to: string;
}

/** The query string of the filters that are set; shared by the list and the export links. */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export const getAuditPage = (filters: AuditFilters, cursor: string | null, signal?: AbortSignal) =>
  request<{ events: AuditEvent[]; nextCursor: string | null }>(`/api/admin/audit?${auditQuery(filters, cursor ? { cursor, limit: "50" } : { limit: "50" })}`, withSignal(signal));

export const auditExportUrl = (filters: AuditFilters, format: "csv" | "jsonl") => `/api/admin/audit/export?${auditQuery(filters, { format })}`;

// ─── Usage & budgets ─────────────────────────────────────────────────────────────────────────

export interface UsageRollup {
  groupBy: UsageGroupBy;
  from: string;
  to: string;
  rows: UsageRow[];
  total: UsageTotals;
}

/** This month so far (the server's default range), in the caller's scope. */
export const getUsageRollup = (groupBy: UsageGroupBy, signal?: AbortSignal) => request<UsageRollup>(`/api/admin/usage?groupBy=${groupBy}`, withSignal(signal));

export const getBudgets = (signal?: AbortSignal) => request<{ budgets: Budget[]; exceptions: BudgetException[] }>("/api/admin/budgets", withSignal(signal));

export const getEmployeeBudgetState = (employeeId: string, signal?: AbortSignal) =>
  request<BudgetState>(`/api/admin/budgets/employees/${encodeURIComponent(employeeId)}`, withSignal(signal));

// ─── IM channels ─────────────────────────────────────────────────────────────────────────────

export const getChannelSettings = async (signal?: AbortSignal) => (await request<{ channels: ChannelSettings[] }>("/api/admin/channels", withSignal(signal))).channels;

export const getChannelBindings = async (channel: ChannelName, signal?: AbortSignal) =>
  (await request<{ bindings: AdminChannelBinding[] }>(`/api/admin/channels/${channel}/bindings`, withSignal(signal))).bindings;

export const disconnectBinding = (channel: ChannelName, id: string) =>
  request<void>(`/api/admin/channels/${channel}/bindings/${encodeURIComponent(id)}`, { method: "DELETE" });

import type { AssistantHistoryEntry, AssistantReply, Dashboard, MonitorReport, OrgSettings, OrgSettingsPatch } from "@clawgate/contracts";
import { request } from "./api.ts";

/** The admin console's operations API: dashboard, monitor, organisation settings and the IT admin assistant. Scope is the server's. */

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

export const getDashboard = (signal?: AbortSignal) => request<Dashboard>("/api/admin/dashboard", withSignal(signal));

export const getMonitor = (signal?: AbortSignal) => request<MonitorReport>("/api/admin/monitor", withSignal(signal));

export const getSettings = (signal?: AbortSignal) => request<OrgSettings>("/api/admin/settings", withSignal(signal));

export const updateSettings = (patch: OrgSettingsPatch) => request<OrgSettings>("/api/admin/settings", { method: "PATCH", body: JSON.stringify(patch) });

export const getAssistantHistory = async (signal?: AbortSignal) => (await request<{ entries: AssistantHistoryEntry[] }>("/api/admin/assistant/history", withSignal(signal))).entries;

export const askAssistant = (message: string) => request<AssistantReply>("/api/admin/assistant/chat", { method: "POST", body: JSON.stringify({ message }) });

export const clearAssistantHistory = () => request<{ deleted: number }>("/api/admin/assistant/history", { method: "DELETE" });

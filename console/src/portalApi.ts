import type {
  BudgetState,
  ChannelName,
  EditableMemoryFile,
  HeartbeatSettings,
  InboxItem,
  MemoryView,
  PortalSkill,
  Schedule,
  SkillRequest,
  TwinConversation,
  TwinLink,
  TwinStatus,
  UsageRow,
  UsageTotals,
} from "@clawgate/contracts";
import { request } from "./api.ts";

/** The employee's own portal: digital twin, IM pairing, usage, skills, reminders, memory. Every call acts on the signed-in employee. */

export interface PairingCode {
  channel: ChannelName;
  code: string;
  expiresAt: string;
  deepLink: string | null;
  qrSvg: string | null;
  instructions: string;
}

export interface PairedAccount {
  id: string;
  channel: ChannelName;
  pairedAt: string;
  lastActivityAt: string | null;
  messageCount: number;
}

export interface PortalChannel {
  channel: ChannelName;
  configured: boolean;
  pending: { state: "awaiting_code" | "awaiting_confirmation"; expiresAt: string } | null;
  bindings: PairedAccount[];
}

export interface PortalUsage {
  month: string;
  total: UsageTotals;
  byDay: UsageRow[];
  byModel: UsageRow[];
  budget: BudgetState;
}

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

export const getTwin = (signal?: AbortSignal) => request<TwinStatus>("/api/portal/twin", withSignal(signal));
export const enableTwin = () => request<TwinLink>("/api/portal/twin", { method: "POST" });
export const regenerateTwin = () => request<TwinLink>("/api/portal/twin/regenerate", { method: "POST" });
export const disableTwin = () => request<TwinStatus>("/api/portal/twin", { method: "DELETE" });

export async function getTwinConversations(signal?: AbortSignal): Promise<TwinConversation[]> {
  return (await request<{ conversations: TwinConversation[] }>("/api/portal/twin/conversations", withSignal(signal))).conversations;
}

export async function getChannels(signal?: AbortSignal): Promise<PortalChannel[]> {
  return (await request<{ channels: PortalChannel[] }>("/api/portal/channels", withSignal(signal))).channels;
}

export const requestPairingCode = (channel: ChannelName) => request<PairingCode>(`/api/portal/channels/${channel}/pairing`, { method: "POST" });

export const unpair = (channel: ChannelName, id: string) =>
  request<void>(`/api/portal/channels/${channel}/bindings/${encodeURIComponent(id)}`, { method: "DELETE" });

export const getUsage = (signal?: AbortSignal) => request<PortalUsage>("/api/portal/usage", withSignal(signal));

export async function getMySkills(signal?: AbortSignal): Promise<PortalSkill[]> {
  return (await request<{ skills: PortalSkill[] }>("/api/portal/skills", withSignal(signal))).skills;
}

export async function getMySkillRequests(signal?: AbortSignal): Promise<SkillRequest[]> {
  return (await request<{ requests: SkillRequest[] }>("/api/portal/skills/requests", withSignal(signal))).requests;
}

export const requestSkill = (skill: string, reason: string) =>
  request<SkillRequest>("/api/portal/skills/requests", { method: "POST", body: JSON.stringify({ skill, reason }) });

export async function getSchedules(signal?: AbortSignal): Promise<Schedule[]> {
  return (await request<{ schedules: Schedule[] }>("/api/portal/schedules", withSignal(signal))).schedules;
}

export const setSchedulePaused = (id: string, paused: boolean) =>
  request<Schedule>(`/api/portal/schedules/${encodeURIComponent(id)}/${paused ? "pause" : "resume"}`, { method: "POST" });

export const deleteSchedule = (id: string) => request<void>(`/api/portal/schedules/${encodeURIComponent(id)}`, { method: "DELETE" });

export interface Inbox {
  items: InboxItem[];
  unread: number;
}

export const getInbox = (signal?: AbortSignal, limit = 50) => request<Inbox>(`/api/portal/inbox?limit=${limit}`, withSignal(signal));

export const markInboxRead = (id: string) => request<void>(`/api/portal/inbox/${encodeURIComponent(id)}/read`, { method: "POST" });

/** The agent's memory as the profile shows it (contracts/src/memory.ts), and one of its files. */
export type Memory = MemoryView;
export type MemoryFile = MemoryView["files"][number];

export const getMemory = (signal?: AbortSignal) => request<Memory>("/api/portal/memory", withSignal(signal));

export const saveMemoryFile = (name: EditableMemoryFile, text: string) =>
  request<Memory>(`/api/portal/memory/${name}`, { method: "PUT", body: JSON.stringify({ text }) });

export type Heartbeat = HeartbeatSettings;

export const getHeartbeat = (signal?: AbortSignal) => request<Heartbeat>("/api/portal/heartbeat", withSignal(signal));

export const saveHeartbeat = (enabled: boolean, everyMinutes: number) =>
  request<Heartbeat>("/api/portal/heartbeat", { method: "PUT", body: JSON.stringify({ enabled, everyMinutes }) });

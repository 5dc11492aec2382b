import type { BudgetState, ChannelName, TwinConversation, TwinLink, TwinStatus, UsageRow, UsageTotals } from "@clawgate/contracts";
import { request } from "./api.ts";

/** The employee's own portal: digital twin, IM pairing, usage. Every call acts on the signed-in employee. */

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

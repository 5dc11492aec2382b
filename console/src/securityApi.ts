import type { AttachGuardrails, CreateGuardrail, CreateRuntime, Guardrail, Position, Runtime, RuntimeGuardrails, UpdateGuardrail, UpdateRuntime } from "@clawgate/contracts";
import { request } from "./api.ts";

/** The Security Center's API: runtimes, position routing, guardrails and which runtime applies which. Admin only on the server. */

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});
const id = (value: string) => encodeURIComponent(value);
const send = (method: string, body?: unknown): RequestInit => (body === undefined ? { method } : { method, body: JSON.stringify(body) });

export const createRuntime = (body: CreateRuntime) => request<Runtime>("/api/admin/runtimes", send("POST", body));
export const updateRuntime = (runtimeId: string, change: UpdateRuntime) => request<Runtime>(`/api/admin/runtimes/${id(runtimeId)}`, send("PATCH", change));
export const deleteRuntime = (runtimeId: string) => request<{ deleted: string }>(`/api/admin/runtimes/${id(runtimeId)}`, send("DELETE"));

export const getRuntimeGuardrails = (runtimeId: string, signal?: AbortSignal) => request<RuntimeGuardrails>(`/api/admin/runtimes/${id(runtimeId)}/guardrails`, withSignal(signal));
export const setRuntimeGuardrails = (runtimeId: string, body: AttachGuardrails) => request<RuntimeGuardrails>(`/api/admin/runtimes/${id(runtimeId)}/guardrails`, send("PUT", body));

/** A position's runtime rule; null leaves its holders to their override or the default runtime. */
export const setPositionRuntime = (positionId: string, runtimeId: string | null) => request<Position>(`/api/admin/positions/${id(positionId)}`, send("PATCH", { runtimeId }));

export const getGuardrails = async (signal?: AbortSignal): Promise<Guardrail[]> => (await request<{ guardrails: Guardrail[] }>("/api/admin/guardrails", withSignal(signal))).guardrails;
export const createGuardrail = (body: CreateGuardrail) => request<Guardrail>("/api/admin/guardrails", send("POST", body));
export const updateGuardrail = (guardrailId: string, change: UpdateGuardrail) => request<Guardrail>(`/api/admin/guardrails/${id(guardrailId)}`, send("PATCH", change));
export const deleteGuardrail = (guardrailId: string) => request<{ deleted: string }>(`/api/admin/guardrails/${id(guardrailId)}`, send("DELETE"));

import type { Budget, BudgetException, CreateBudget, Model, ModelPrice, PutModelPrice } from "@clawgate/contracts";
import { request } from "./api.ts";

/**
 * Changing budgets, exceptions, the model catalogue and model prices. The server allows these to
 * admins only and answers anyone else with 403; reads are in governanceApi.ts and agentsApi.ts.
 */

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});
const id = (value: string) => encodeURIComponent(value);
const send = (method: string, body?: unknown): RequestInit => (body === undefined ? { method } : { method, body: JSON.stringify(body) });

// ─── Budgets ─────────────────────────────────────────────────────────────────────────────────

export const createBudget = (body: CreateBudget) => request<Budget>("/api/admin/budgets", send("POST", body));
export const updateBudget = (budgetId: string, monthlyLimitUsd: number) => request<Budget>(`/api/admin/budgets/${id(budgetId)}`, send("PATCH", { monthlyLimitUsd }));
export const deleteBudget = (budgetId: string) => request<{ deleted: string }>(`/api/admin/budgets/${id(budgetId)}`, send("DELETE"));

export interface NewException {
  employeeId: string;
  reason: string;
  /** ISO 8601 with offset; the server wants it in the future and at most a year ahead. */
  expiresAt: string;
}

export const grantBudgetException = (body: NewException) => request<BudgetException>("/api/admin/budgets/exceptions", send("POST", body));
export const revokeBudgetException = (exceptionId: string) => request<BudgetException>(`/api/admin/budgets/exceptions/${id(exceptionId)}`, send("DELETE"));

// ─── Models and prices ───────────────────────────────────────────────────────────────────────

export interface NewModel {
  id: string;
  provider: Model["provider"];
  name: string;
  contextWindow: number;
  maxOutputTokens: number;
}

export const createModel = (body: NewModel) => request<Model>("/api/admin/models", send("POST", body));
/** 409 while a position or employee is configured with the model, with `blockers` counting them. */
export const deleteModel = (modelId: string) => request<{ deleted: string }>(`/api/admin/models/${id(modelId)}`, send("DELETE"));

export const getPrices = async (signal?: AbortSignal) => (await request<{ prices: ModelPrice[] }>("/api/admin/pricing", withSignal(signal))).prices;
export const putPrice = (priceId: string, body: PutModelPrice) => request<ModelPrice>(`/api/admin/pricing/${id(priceId)}`, send("PUT", body));
export const deletePrice = (priceId: string) => request<{ deleted: string }>(`/api/admin/pricing/${id(priceId)}`, send("DELETE"));

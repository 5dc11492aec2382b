import type { Budget, BudgetState, UsageRow } from "@clawgate/contracts";

/**
 * Budgets are per-employee monthly limits; the server decides which one governs an employee and
 * where they stand (GET /budgets/employees/{id}). Asking for everyone would be one request per
 * employee, so the page asks for those with an own budget and those whose spend this month comes
 * near the lowest limit: nobody else can be warned (80 %) or over. The margin below 80 % covers
 * the rollup and the state summing the same costs in a different order.
 */
const ASK_FROM = 0.75;

export function employeesToAsk(budgets: Budget[], byEmployee: UsageRow[]): string[] {
  if (budgets.length === 0) return [];
  const own = budgets.filter((b) => b.scope === "employee" && b.scopeId).map((b) => b.scopeId as string);
  const lowest = Math.min(...budgets.map((b) => b.monthlyLimitUsd));
  const near = byEmployee.filter((row) => row.costUsd >= lowest * ASK_FROM).map((row) => row.key);
  return [...new Set([...own, ...near])];
}

export interface Governed {
  employeeId: string;
  state: BudgetState;
}

/** The employees whose state the server reports as coming from this budget. */
export function governedBy(budget: Budget, states: Record<string, BudgetState>): Governed[] {
  return Object.entries(states)
    .filter(([, state]) => state.source?.budgetId === budget.id)
    .map(([employeeId, state]) => ({ employeeId, state }));
}

/** Everyone at 80 % or more of the budget that governs them, the furthest over first. */
export function nearOrOver(states: Record<string, BudgetState>): Governed[] {
  const ratio = (s: BudgetState) => (s.limitUsd ? s.spentUsd / s.limitUsd : Infinity);
  return Object.entries(states)
    .filter(([, state]) => state.warn || state.exceeded)
    .map(([employeeId, state]) => ({ employeeId, state }))
    .sort((a, b) => ratio(b.state) - ratio(a.state));
}

import type { BudgetState, TurnNotice } from "@clawgate/contracts";
import { budgetState } from "./budget.ts";
import type { TurnAudit } from "./checks-audit.ts";

/** Where a warning was already audited this month: the agent's own storage (turns run one at a time there). */
export interface WarningMemo {
  meta(key: string): string | null;
  setMeta(key: string, value: string): void;
}

export type BudgetCheck =
  | { refusal: string }
  | {
      refusal: null;
      notice: TurnNotice | null;
      /** Call once the audit is written: the same warning is not audited again this month. */
      remember: () => void;
    };

const usd = (amount: number) => `$${amount.toFixed(2)}`;

/**
 * The budget check before any invocation (DESIGN §4 step 4): at 100 % without an admin's
 * exception the turn is refused with what was spent, of which limit, and whom to ask; at 80 %, or
 * past 100 % under an exception, the turn runs with a notice. Refusals are audited every time,
 * warnings once per month per threshold and budget.
 */
export async function checkBudget(db: D1Database, memo: WarningMemo, employeeId: string, audit: TurnAudit, at = new Date()): Promise<BudgetCheck> {
  const state = await budgetState(db, employeeId, at);
  const nothing = { refusal: null, notice: null, remember: () => undefined };
  if (state.limitUsd === null || !state.source) return nothing;
  const figures = { month: state.month, level: state.level, budgetId: state.source.budgetId, limitUsd: state.limitUsd, spentUsd: round(state.spentUsd) };
  if (state.refuseTurns) {
    audit.add("budget.refused", figures);
    return { refusal: await refusalMessage(db, state) };
  }
  const threshold = state.exceeded ? "100" : state.warn ? "80" : null;
  if (!threshold) return nothing;
  const key = `budget_warned:${state.month}:${state.source.budgetId}:${threshold}`;
  const seen = memo.meta(key) !== null;
  if (!seen) audit.add("budget.warned", { ...figures, threshold: Number(threshold), ...(state.exception ? { exceptionId: state.exception.id } : {}) });
  return { refusal: null, notice: warningNotice(state), remember: () => (seen ? undefined : memo.setMeta(key, at.toISOString())) };
}

const round = (amount: number) => Math.round(amount * 1e6) / 1e6;

async function budgetName(db: D1Database, state: BudgetState): Promise<string> {
  if (state.level === "employee") return "your personal monthly budget";
  if (state.level === "department" && state.source?.scopeId) {
    const row = await db.prepare("SELECT name FROM departments WHERE id = ?").bind(state.source.scopeId).first<{ name: string }>();
    return `the ${row?.name ?? state.source.scopeId} department's monthly budget`;
  }
  return "the company-wide monthly budget";
}

async function refusalMessage(db: D1Database, state: BudgetState): Promise<string> {
  const admins = await db.prepare("SELECT name FROM employees WHERE role = 'admin' ORDER BY name LIMIT 3").all<{ name: string }>();
  const whom = admins.results.length ? `an administrator (${admins.results.map((a) => a.name).join(", ")})` : "an administrator";
  return (
    `Your agent did not run: you have spent ${usd(state.spentUsd)} of ${await budgetName(db, state)} of ${usd(state.limitUsd!)} for ${state.month}. ` +
    `Ask ${whom} to raise the limit or grant you an exception; until then your agent answers again next month.`
  );
}

function warningNotice(state: BudgetState): TurnNotice {
  const percent = Math.floor((state.spentUsd / state.limitUsd!) * 100);
  if (state.exceeded && state.exception) {
    return {
      kind: "budget_exception",
      message: `You are over your ${usd(state.limitUsd!)} monthly budget (${usd(state.spentUsd)} spent); an exception keeps your agent working until ${state.exception.expiresAt.slice(0, 10)}.`,
    };
  }
  return {
    kind: "budget_warning",
    message: `You have used ${percent} % of your ${usd(state.limitUsd!)} monthly budget (${usd(state.spentUsd)} spent in ${state.month}). At 100 % your agent stops answering until an administrator grants an exception.`,
  };
}

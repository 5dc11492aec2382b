import type { Budget, BudgetState } from "@clawgate/contracts";
import { deleteBudget } from "../../../budgetsApi.ts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EditDeleteCell } from "../../../components/EditDeleteCell.tsx";
import { EmptyState, Outcome } from "../../../components/PageNotices.tsx";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { BudgetForm } from "./BudgetForm.tsx";
import { governedBy } from "./budgetStanding.ts";
import { namesOf, type CostData, type Names } from "./costData.ts";
import { usd } from "./money.ts";
import { useRowEditing } from "../useRowEditing.ts";

const STRINGS = defineStrings({
  en: {
    budgets: "Budgets",
    intro: "A budget is a monthly limit per employee. Past 80 % the agent warns; at the limit turns are refused unless an exception is in force.",
    noBudgets: "No budgets set: spending is unlimited.",
    noBudgetsAdmin: "No budgets set: spending is unlimited. Add one below.",
    budgetsCaption: "Monthly budgets and how much of each is spent",
    appliesTo: "Applies to",
    monthlyLimit: "Monthly limit",
    spent: "Spent",
    state: "State",
    actions: "Actions",
    everyone: "Everyone",
    department: (name: string) => `Department: ${name}`,
    employee: (name: string) => `Employee: ${name}`,
    perEmployee: "per employee",
    highest: (amount: string) => `highest ${amount}`,
    eachUnder: (amount: string) => `each under ${amount}`,
    withinBudget: "within budget",
    over80: "over 80 %",
    exceededRefused: "exceeded — turns refused",
    exceededException: (until: string) => `exceeded (exception until ${until})`,
    zeroLimit: "limit $0: turns refused unless an exception is in force",
    groupState: (warned: number, exceeded: number, refused: number) =>
      [warned ? `${warned} over 80 %` : "", exceeded ? `${exceeded} exceeded${refused ? ` (${refused} refused)` : ""}` : ""].filter(Boolean).join(", "),
    nobodyNear: "everyone under 80 %",
    editLabel: (target: string) => `Edit the budget of ${target}`,
    removeLabel: (target: string) => `Delete the budget of ${target}`,
    confirmDelete: (target: string) => `Delete the budget of ${target}? The next less specific budget applies to them instead.`,
    saved: (target: string) => `Saved the budget of ${target}. The next turn is checked against it.`,
    deleted: (target: string) => `Deleted the budget of ${target}.`,
    failed: "Could not change the budget.",
  },
  zh: {
    budgets: "预算",
    intro: "预算是每位员工的月度上限。超过 80 % 时智能体会提醒；达到上限后对话会被拒绝，除非有生效中的例外。",
    noBudgets: "尚未设置预算：支出不受限制。",
    noBudgetsAdmin: "尚未设置预算：支出不受限制。可在下方添加。",
    budgetsCaption: "月度预算及各自的已用金额",
    appliesTo: "适用范围",
    monthlyLimit: "月度上限",
    spent: "已用",
    state: "状态",
    actions: "操作",
    everyone: "全体",
    department: (name: string) => `部门：${name}`,
    employee: (name: string) => `员工：${name}`,
    perEmployee: "每位员工",
    highest: (amount: string) => `最高 ${amount}`,
    eachUnder: (amount: string) => `每人低于 ${amount}`,
    withinBudget: "预算内",
    over80: "超过 80 %",
    exceededRefused: "已超支——对话被拒绝",
    exceededException: (until: string) => `已超支（例外有效期至 ${until}）`,
    zeroLimit: "上限为 $0：除非有生效中的例外，否则对话被拒绝",
    groupState: (warned: number, exceeded: number, refused: number) =>
      [warned ? `${warned} 人超过 80 %` : "", exceeded ? `${exceeded} 人已超支${refused ? `（${refused} 人被拒绝）` : ""}` : ""].filter(Boolean).join("，"),
    nobodyNear: "所有人均低于 80 %",
    editLabel: (target: string) => `编辑 ${target} 的预算`,
    removeLabel: (target: string) => `删除 ${target} 的预算`,
    confirmDelete: (target: string) => `删除 ${target} 的预算？此后将改用更宽泛一级的预算。`,
    saved: (target: string) => `已保存 ${target} 的预算。下一轮对话将按它检查。`,
    deleted: (target: string) => `已删除 ${target} 的预算。`,
    failed: "无法修改预算。",
  },
});
type Text = (typeof STRINGS)["en"];

export const targetOf = (budget: Budget, names: Names, t: Pick<Text, "everyone" | "department" | "employee">) =>
  budget.scope === "global" ? t.everyone : budget.scope === "department" ? t.department(names.department(budget.scopeId ?? "")) : t.employee(names.employee(budget.scopeId ?? ""));

/** One person's standing against their budget, in words. */
export function stateText(state: BudgetState, t: Pick<Text, "withinBudget" | "over80" | "exceededRefused" | "exceededException">, date: (iso: string) => string) {
  if (state.exceeded) return state.exception ? t.exceededException(date(state.exception.expiresAt)) : t.exceededRefused;
  return state.warn ? t.over80 : t.withinBudget;
}

/** Spent and state of a budget: the employee's own for an employee budget, a summary of the people it governs for the others. */
function standing(budget: Budget, states: Record<string, BudgetState>, t: Text, date: (iso: string) => string) {
  if (budget.scope === "employee") {
    const own = states[budget.scopeId ?? ""];
    if (!own) return { spent: "—", state: "", alert: false };
    return { spent: usd(own.spentUsd), state: stateText(own, t, date), alert: own.warn || own.exceeded };
  }
  const governed = governedBy(budget, states);
  const highest = governed.length ? t.highest(usd(Math.max(...governed.map((g) => g.state.spentUsd)))) : null;
  // At $0 everyone it governs is over, those without a turn this month (not asked about) too.
  if (budget.monthlyLimitUsd === 0) return { spent: highest ?? "—", state: t.zeroLimit, alert: true };
  const flagged = governed.filter((g) => g.state.warn || g.state.exceeded);
  const exceeded = flagged.filter((g) => g.state.exceeded);
  // Nobody it governs was asked about: each of them is below where the page starts asking (under 80 %).
  const spent = highest ?? t.eachUnder(usd(budget.monthlyLimitUsd * 0.8));
  return {
    spent,
    state: flagged.length ? t.groupState(flagged.length - exceeded.length, exceeded.length, exceeded.filter((g) => g.state.refuseTurns).length) : t.nobodyNear,
    alert: flagged.length > 0,
  };
}

interface Props {
  data: CostData;
  isAdmin: boolean;
  date: (iso: string) => string;
  onChanged: () => void;
}

/** The budgets in the caller's scope with where people stand; admins add, change and delete them. */
export function BudgetsSection({ data, isAdmin, date, onChanged }: Props) {
  const t = useStrings(STRINGS);
  const names = namesOf(data);
  const { editing, setEditing, outcome, setOutcome, done } = useRowEditing(onChanged);

  const saved = (budget: Budget) => done(t.saved(targetOf(budget, names, t)));
  const remove = async (budget: Budget) => {
    const target = targetOf(budget, names, t);
    if (!window.confirm(t.confirmDelete(target))) return;
    setOutcome(null);
    try {
      await deleteBudget(budget.id);
      setOutcome({ ok: true, text: t.deleted(target) });
      onChanged();
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    }
  };

  return (
    <Card titleId="budgets-title" title={t.budgets}>
      <p className="muted">{t.intro}</p>
      <Outcome outcome={outcome} />
      {data.budgets.length === 0 ? (
        <EmptyState>{isAdmin ? t.noBudgetsAdmin : t.noBudgets}</EmptyState>
      ) : (
        <DataTable caption={t.budgetsCaption} columns={[t.appliesTo, t.monthlyLimit, t.spent, t.state]} actions={isAdmin ? t.actions : undefined} testId="budgets">
          {data.budgets.map((budget) => {
            const target = targetOf(budget, names, t);
            const { spent, state, alert } = standing(budget, data.states, t, date);
            return (
              <tr key={budget.id} data-testid="budget-row">
                <th scope="row">{target}</th>
                <td>
                  {usd(budget.monthlyLimitUsd)}
                  {budget.scope === "employee" ? null : <span className="muted"> {t.perEmployee}</span>}
                </td>
                <td>{spent}</td>
                <td className={alert ? "text-warn" : undefined}>{state}</td>
                {isAdmin ? (
                  <EditDeleteCell editLabel={t.editLabel(target)} deleteLabel={t.removeLabel(target)} onEdit={() => setEditing(budget.id)} onDelete={() => void remove(budget)} />
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      )}
      {isAdmin
        ? data.budgets
            .filter((budget) => budget.id === editing)
            .map((budget) => (
              <BudgetForm
                key={budget.id}
                budget={budget}
                target={targetOf(budget, names, t)}
                departments={data.departments}
                employees={data.employees}
                onDone={saved}
                onCancel={() => setEditing(null)}
              />
            ))
        : null}
      {isAdmin ? <BudgetForm departments={data.departments} employees={data.employees} onDone={saved} /> : null}
    </Card>
  );
}

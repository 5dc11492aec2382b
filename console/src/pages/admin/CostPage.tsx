import type { Budget, BudgetException, BudgetState, UsageRow } from "@clawgate/contracts";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState, LoadState } from "../../components/PageNotices.tsx";
import { getBudgets, getEmployeeBudgetState, getUsageRollup, type UsageRollup } from "../../governanceApi.ts";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { useLoaded } from "./useLoaded.ts";

const STRINGS = defineStrings({
  en: {
    title: "Usage & cost — this month",
    what: "usage and cost",
    turns: "Turns",
    tokensInOut: "Tokens in / out",
    cost: "Cost",
    costUsd: "Cost (USD)",
    unpriced: (n: number) => ` + ${n} unpriced`,
    unpricedTotal: (n: number) => ` + ${n} unpriced turns (add a price for their model)`,
    noTurns: "No turns this month yet. Usage appears here once agents answer.",
    perDepartment: "Per department",
    perModel: "Per model",
    perDay: "Per day",
    department: "Department",
    model: "Model",
    day: "Day",
    budgets: "Budgets",
    noBudgets: "No budgets set: spending is unlimited. An admin sets monthly budgets through the budgets API.",
    budgetsCaption: "Monthly budgets and how much of each is spent",
    appliesTo: "Applies to",
    monthlyLimit: "Monthly limit",
    spent: "Spent",
    state: "State",
    everyone: "Everyone",
    scope: (scope: string, id: string) => `${scope}: ${id}`,
    withinBudget: "within budget",
    over80: "over 80 %",
    exceeded: "exceeded",
    exceededRefused: "exceeded — turns refused",
    exceededException: "exceeded (exception active)",
    activeExceptions: "Active exceptions",
    exception: (employee: string, reason: string, by: string, until: string) => `${employee}: ${reason} (granted by ${by}, until ${until})`,
  },
  zh: {
    title: "用量与成本——本月",
    what: "用量与成本",
    turns: "对话轮数",
    tokensInOut: "输入 / 输出 token",
    cost: "费用",
    costUsd: "费用（美元）",
    unpriced: (n: number) => ` + ${n} 轮未定价`,
    unpricedTotal: (n: number) => ` + ${n} 轮未定价（请为其模型设置价格）`,
    noTurns: "本月尚无对话。智能体开始回复后，用量会显示在这里。",
    perDepartment: "按部门",
    perModel: "按模型",
    perDay: "按天",
    department: "部门",
    model: "模型",
    day: "日期",
    budgets: "预算",
    noBudgets: "尚未设置预算：支出不受限制。管理员可通过预算 API 设置月度预算。",
    budgetsCaption: "月度预算及各自的已用金额",
    appliesTo: "适用范围",
    monthlyLimit: "月度上限",
    spent: "已用",
    state: "状态",
    everyone: "全体",
    scope: (scope: string, id: string) => `${scope === "department" ? "部门" : scope === "employee" ? "员工" : scope}：${id}`,
    withinBudget: "预算内",
    over80: "超过 80 %",
    exceeded: "已超支",
    exceededRefused: "已超支——对话被拒绝",
    exceededException: "已超支（例外生效中）",
    activeExceptions: "生效中的例外",
    exception: (employee: string, reason: string, by: string, until: string) => `${employee}：${reason}（由 ${by} 批准，有效期至 ${until}）`,
  },
});
type Text = (typeof STRINGS)["en"];

interface CostData {
  byDepartment: UsageRollup;
  byModel: UsageRollup;
  byDay: UsageRollup;
  budgets: Budget[];
  exceptions: BudgetException[];
  /** The server's own budget state for each employee budget (what the turn path enforces). */
  employeeStates: Record<string, BudgetState>;
}

const load = async (signal: AbortSignal): Promise<CostData> => {
  const [byDepartment, byModel, byDay, { budgets, exceptions }] = await Promise.all([
    getUsageRollup("department", signal),
    getUsageRollup("model", signal),
    getUsageRollup("day", signal),
    getBudgets(signal),
  ]);
  const employeeIds = budgets.filter((b) => b.scope === "employee" && b.scopeId).map((b) => b.scopeId as string);
  const states = await Promise.all(employeeIds.map((id) => getEmployeeBudgetState(id, signal)));
  return { byDepartment, byModel, byDay, budgets, exceptions, employeeStates: Object.fromEntries(employeeIds.map((id, i) => [id, states[i]!])) };
};

const usd = (value: number) => `$${value.toFixed(value < 1 ? 4 : 2)}`;

/** One recharts bar chart of cost and turns per row, with a table of the same numbers for screen readers. */
function CostChart({ id, title, rows, dataKeyLabel, t }: { id: string; title: string; rows: UsageRow[]; dataKeyLabel: string; t: Text }) {
  const data = rows.map((row) => ({ name: row.label ?? row.key, cost: Number(row.costUsd.toFixed(4)), turns: row.turns }));
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {title}
      </h2>
      {data.length === 0 ? (
        <EmptyState>{t.noTurns}</EmptyState>
      ) : (
        <>
          <div className="chart" data-testid={`${id}-chart`} aria-hidden="true">
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis yAxisId="turns" allowDecimals={false} />
                <YAxis yAxisId="cost" orientation="right" />
                <Tooltip />
                <Bar yAxisId="turns" dataKey="turns" name={t.turns} fill="#2f5fd0" isAnimationActive={false} />
                <Bar yAxisId="cost" dataKey="cost" name={t.costUsd} fill="#c27c0e" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{dataKeyLabel}</th>
                <th scope="col">{t.turns}</th>
                <th scope="col">{t.tokensInOut}</th>
                <th scope="col">{t.cost}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label ?? row.key}</th>
                  <td>{row.turns}</td>
                  <td>
                    {row.inputTokens} / {row.outputTokens}
                  </td>
                  <td>
                    {usd(row.costUsd)}
                    {row.unpricedTurns > 0 ? t.unpriced(row.unpricedTurns) : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** What a budget has spent this month: the enforced state for an employee, the rollup for a department or everyone. */
function spentFor(budget: Budget, data: CostData, t: Text): { spent: number; state: string; within: boolean } {
  if (budget.scope === "employee" && budget.scopeId && data.employeeStates[budget.scopeId]) {
    const state = data.employeeStates[budget.scopeId]!;
    const label = state.exceeded ? (state.exception ? t.exceededException : t.exceededRefused) : state.warn ? t.over80 : t.withinBudget;
    return { spent: state.spentUsd, state: label, within: !state.exceeded && !state.warn };
  }
  const spent = budget.scope === "global" ? data.byDepartment.total.costUsd : (data.byDepartment.rows.find((row) => row.key === budget.scopeId)?.costUsd ?? 0);
  const ratio = budget.monthlyLimitUsd > 0 ? spent / budget.monthlyLimitUsd : spent > 0 ? Infinity : 0;
  return { spent, state: ratio >= 1 ? t.exceeded : ratio >= 0.8 ? t.over80 : t.withinBudget, within: ratio < 0.8 };
}

/** Usage and cost this month per department, model and day (recharts), and the budgets with their state. */
export function CostPage() {
  const t = useStrings(STRINGS);
  const locale = useLanguage().language === "zh" ? "zh-CN" : "en";
  const { data, error } = useLoaded(load, t.what);
  return (
    <main className="page page--wide" aria-labelledby="cost-title">
      <h1 id="cost-title" className="page-title">
        {t.title}
      </h1>
      <LoadState error={error} loading={!data} />
      {data ? (
        <>
          <dl className="stats" data-testid="cost-totals">
            <div className="stat">
              <dt>{t.turns}</dt>
              <dd>{data.byDepartment.total.turns}</dd>
            </div>
            <div className="stat">
              <dt>{t.tokensInOut}</dt>
              <dd>
                {data.byDepartment.total.inputTokens} / {data.byDepartment.total.outputTokens}
              </dd>
            </div>
            <div className="stat">
              <dt>{t.cost}</dt>
              <dd>
                {usd(data.byDepartment.total.costUsd)}
                {data.byDepartment.total.unpricedTurns > 0 ? t.unpricedTotal(data.byDepartment.total.unpricedTurns) : ""}
              </dd>
            </div>
          </dl>
          <CostChart id="cost-department" title={t.perDepartment} rows={data.byDepartment.rows} dataKeyLabel={t.department} t={t} />
          <CostChart id="cost-model" title={t.perModel} rows={data.byModel.rows} dataKeyLabel={t.model} t={t} />
          <CostChart id="cost-day" title={t.perDay} rows={data.byDay.rows} dataKeyLabel={t.day} t={t} />

          <section className="card" aria-labelledby="budgets-title">
            <h2 id="budgets-title" className="card-title">
              {t.budgets}
            </h2>
            {data.budgets.length === 0 ? (
              <EmptyState>{t.noBudgets}</EmptyState>
            ) : (
              <table className="table" data-testid="budgets">
                <caption className="visually-hidden">{t.budgetsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.appliesTo}</th>
                    <th scope="col">{t.monthlyLimit}</th>
                    <th scope="col">{t.spent}</th>
                    <th scope="col">{t.state}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.budgets.map((budget) => {
                    const { spent, state, within } = spentFor(budget, data, t);
                    return (
                      <tr key={budget.id}>
                        <th scope="row">{budget.scope === "global" ? t.everyone : t.scope(budget.scope, budget.scopeId ?? "")}</th>
                        <td>{usd(budget.monthlyLimitUsd)}</td>
                        <td>{usd(spent)}</td>
                        <td className={within ? undefined : "text-warn"}>{state}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {data.exceptions.some((e) => e.active) ? (
              <>
                <h3>{t.activeExceptions}</h3>
                <ul className="plain-list">
                  {data.exceptions
                    .filter((e) => e.active)
                    .map((e) => (
                      <li key={e.id}>
                        {t.exception(e.employeeId, e.reason, e.grantedBy, new Date(e.expiresAt).toLocaleDateString(locale))}
                      </li>
                    ))}
                </ul>
              </>
            ) : null}
          </section>
        </>
      ) : null}
    </main>
  );
}

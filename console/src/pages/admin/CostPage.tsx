import type { Me } from "@clawgate/contracts";
import { LoadState } from "../../components/PageNotices.tsx";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { BudgetsSection } from "./cost/BudgetsSection.tsx";
import { CostChart } from "./cost/CostChart.tsx";
import { loadCostData } from "./cost/costData.ts";
import { ExceptionsSection } from "./cost/ExceptionsSection.tsx";
import { usd } from "./cost/money.ts";
import { useLoaded } from "./useLoaded.ts";
import "./CostPage.css";

const STRINGS = defineStrings({
  en: {
    title: "Usage & cost — this month",
    what: "usage and cost",
    turns: "Turns",
    tokensInOut: "Tokens in / out",
    cost: "Cost",
    unpricedTotal: (n: number) => ` + ${n} unpriced turns (add a price for their model under Models & Pricing)`,
    perDepartment: "Per department",
    perEmployee: "Per employee",
    perModel: "Per model",
    perDay: "Per day",
    department: "Department",
    employee: "Employee",
    model: "Model",
    day: "Day",
  },
  zh: {
    title: "用量与成本——本月",
    what: "用量与成本",
    turns: "对话轮数",
    tokensInOut: "输入 / 输出 token",
    cost: "费用",
    unpricedTotal: (n: number) => ` + ${n} 轮未定价（请在“模型与定价”中为其模型设置价格）`,
    perDepartment: "按部门",
    perEmployee: "按员工",
    perModel: "按模型",
    perDay: "按天",
    department: "部门",
    employee: "员工",
    model: "模型",
    day: "日期",
  },
});

/** Usage and cost this month per department, employee, model and day (recharts); budgets, who is over them, and exceptions. */
export function CostPage({ me }: { me: Me }) {
  const t = useStrings(STRINGS);
  const locale = useLanguage().language === "zh" ? "zh-CN" : "en";
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale);
  const { data, error, reload } = useLoaded(loadCostData, t.what);
  // Hiding is a courtesy: the server refuses budget changes to anyone but an admin.
  const isAdmin = me.role === "admin";
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
          <CostChart id="cost-department" title={t.perDepartment} rows={data.byDepartment.rows} keyLabel={t.department} />
          <CostChart id="cost-employee" title={t.perEmployee} rows={data.byEmployee.rows} keyLabel={t.employee} />
          <CostChart id="cost-model" title={t.perModel} rows={data.byModel.rows} keyLabel={t.model} />
          <CostChart id="cost-day" title={t.perDay} rows={data.byDay.rows} keyLabel={t.day} />
          <BudgetsSection data={data} isAdmin={isAdmin} date={date} onChanged={reload} />
          <ExceptionsSection data={data} isAdmin={isAdmin} date={date} onChanged={reload} />
        </>
      ) : null}
    </main>
  );
}

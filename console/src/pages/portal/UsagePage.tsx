import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "../../components/Card.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { EmptyState, LoadState } from "../../components/PageNotices.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { getUsage } from "../../portalApi.ts";
import { useLoaded } from "../admin/useLoaded.ts";

const STRINGS = defineStrings({
  en: {
    title: "My usage",
    what: "your usage",
    turns: "Turns",
    tokensInOut: "Tokens in / out",
    tokens: "Tokens",
    cost: "Cost",
    unpricedTurns: (n: number) => ` + ${n} unpriced turns`,
    budget: "Budget",
    noLimit: "No limit",
    spentOf: (spent: string, limit: string) => `${spent} of ${limit}`,
    perDay: "Turns per day",
    noTurns: "No turns yet this month — chat with your agent and they show up here.",
    byModel: "By model",
    byModelCaption: "Your turns, tokens and cost this month per model",
    model: "Model",
    unpriced: "unpriced",
  },
  zh: {
    title: "我的用量",
    what: "你的用量",
    turns: "对话轮数",
    tokensInOut: "输入 / 输出 token",
    tokens: "token 数",
    cost: "费用",
    unpricedTurns: (n: number) => ` + ${n} 轮未定价`,
    budget: "预算",
    noLimit: "不限额",
    spentOf: (spent: string, limit: string) => `已用 ${spent}，共 ${limit}`,
    perDay: "每日对话轮数",
    noTurns: "本月还没有对话——和你的智能体聊聊，用量就会显示在这里。",
    byModel: "按模型",
    byModelCaption: "本月你在各模型上的对话轮数、token 与费用",
    model: "模型",
    unpriced: "未定价",
  },
});

const usd = (value: number) => `$${value.toFixed(value < 1 ? 4 : 2)}`;

/** The employee's own usage this month: totals, a per-day chart, per model, and the budget. */
export function UsagePage() {
  const t = useStrings(STRINGS);
  const { data: usage, error } = useLoaded(getUsage, t.what);
  const days = usage?.byDay.map((row) => ({ day: row.key.slice(5), turns: row.turns, tokens: row.inputTokens + row.outputTokens })) ?? [];

  return (
    <main className="page" aria-labelledby="usage-title">
      <h1 id="usage-title" className="page-title">
        {t.title}
        {usage ? ` — ${usage.month}` : ""}
      </h1>
      <LoadState error={error} loading={!usage} />
      {usage ? (
        <>
          <dl className="stats" data-testid="usage-totals">
            <div className="stat">
              <dt>{t.turns}</dt>
              <dd>{usage.total.turns}</dd>
            </div>
            <div className="stat">
              <dt>{t.tokensInOut}</dt>
              <dd>
                {usage.total.inputTokens} / {usage.total.outputTokens}
              </dd>
            </div>
            <div className="stat">
              <dt>{t.cost}</dt>
              <dd>
                {usd(usage.total.costUsd)}
                {usage.total.unpricedTurns > 0 ? t.unpricedTurns(usage.total.unpricedTurns) : ""}
              </dd>
            </div>
            <div className="stat">
              <dt>{t.budget}</dt>
              <dd className={usage.budget.warn ? "text-warn" : undefined}>
                {usage.budget.limitUsd === null ? t.noLimit : t.spentOf(usd(usage.budget.spentUsd), usd(usage.budget.limitUsd))}
              </dd>
            </div>
          </dl>

          <Card titleId="usage-days-title" title={t.perDay}>
            {days.length === 0 ? (
              <EmptyState>{t.noTurns}</EmptyState>
            ) : (
              <div className="chart" data-testid="usage-chart">
                <ResponsiveContainer width="100%" height={240}>
                  <BarChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="day" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Bar dataKey="turns" name={t.turns} fill="#2f5fd0" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            )}
          </Card>

          {/* With no turns yet there is nothing per model; the card above already says so. */}
          {usage.byModel.length > 0 ? (
            <Card titleId="usage-models-title" title={t.byModel}>
              <DataTable caption={t.byModelCaption} columns={[t.model, t.turns, t.tokens, t.cost]}>
                {usage.byModel.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label ?? row.key}</th>
                    <td>{row.turns}</td>
                    <td>{row.inputTokens + row.outputTokens}</td>
                    <td>{row.unpricedTurns > 0 ? t.unpriced : usd(row.costUsd)}</td>
                  </tr>
                ))}
              </DataTable>
            </Card>
          ) : null}
        </>
      ) : null}
    </main>
  );
}

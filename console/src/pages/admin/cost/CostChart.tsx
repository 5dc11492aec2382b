import type { UsageRow } from "@clawgate/contracts";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EmptyState } from "../../../components/PageNotices.tsx";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { usd } from "./money.ts";

const STRINGS = defineStrings({
  en: {
    turns: "Turns",
    tokensInOut: "Tokens in / out",
    cost: "Cost",
    costUsd: "Cost (USD)",
    unpriced: (n: number) => ` + ${n} unpriced`,
    noTurns: "No turns this month yet. Usage appears here once agents answer.",
  },
  zh: {
    turns: "对话轮数",
    tokensInOut: "输入 / 输出 token",
    cost: "费用",
    costUsd: "费用（美元）",
    unpriced: (n: number) => ` + ${n} 轮未定价`,
    noTurns: "本月尚无对话。智能体开始回复后，用量会显示在这里。",
  },
});

/** One recharts bar chart of cost and turns per row, with a table of the same numbers for screen readers. */
export function CostChart({ id, title, rows, keyLabel }: { id: string; title: string; rows: UsageRow[]; keyLabel: string }) {
  const t = useStrings(STRINGS);
  const data = rows.map((row) => ({ name: row.label ?? row.key, cost: Number(row.costUsd.toFixed(4)), turns: row.turns }));
  return (
    <Card titleId={`${id}-title`} title={title}>
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
          <DataTable caption={title} columns={[keyLabel, t.turns, t.tokensInOut, t.cost]}>
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
          </DataTable>
        </>
      )}
    </Card>
  );
}

import type { Budget, BudgetException, BudgetState, UsageRow } from "@clawgate/contracts";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { getBudgets, getEmployeeBudgetState, getUsageRollup, type UsageRollup } from "../../governanceApi.ts";
import { useLoaded } from "./useLoaded.ts";

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
function CostChart({ id, title, rows, dataKeyLabel }: { id: string; title: string; rows: UsageRow[]; dataKeyLabel: string }) {
  const data = rows.map((row) => ({ name: row.label ?? row.key, cost: Number(row.costUsd.toFixed(4)), turns: row.turns }));
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {title}
      </h2>
      {data.length === 0 ? (
        <p className="muted">No turns this month yet. Usage appears here once agents answer.</p>
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
                <Bar yAxisId="turns" dataKey="turns" name="Turns" fill="#2f5fd0" isAnimationActive={false} />
                <Bar yAxisId="cost" dataKey="cost" name="Cost (USD)" fill="#c27c0e" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{dataKeyLabel}</th>
                <th scope="col">Turns</th>
                <th scope="col">Tokens in / out</th>
                <th scope="col">Cost</th>
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
                    {row.unpricedTurns > 0 ? ` + ${row.unpricedTurns} unpriced` : ""}
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
function spentFor(budget: Budget, data: CostData): { spent: number; state: string } {
  if (budget.scope === "employee" && budget.scopeId && data.employeeStates[budget.scopeId]) {
    const state = data.employeeStates[budget.scopeId]!;
    const label = state.exceeded ? (state.exception ? "exceeded (exception active)" : "exceeded — turns refused") : state.warn ? "over 80 %" : "within budget";
    return { spent: state.spentUsd, state: label };
  }
  const spent = budget.scope === "global" ? data.byDepartment.total.costUsd : (data.byDepartment.rows.find((row) => row.key === budget.scopeId)?.costUsd ?? 0);
  const ratio = budget.monthlyLimitUsd > 0 ? spent / budget.monthlyLimitUsd : spent > 0 ? Infinity : 0;
  return { spent, state: ratio >= 1 ? "exceeded" : ratio >= 0.8 ? "over 80 %" : "within budget" };
}

/** Usage and cost this month per department, model and day (recharts), and the budgets with their state. */
export function CostPage() {
  const { data, error } = useLoaded(load, "usage and cost");
  return (
    <main className="page page--wide" aria-labelledby="cost-title">
      <h1 id="cost-title" className="page-title">
        Usage &amp; cost — this month
      </h1>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p className="muted">Loading…</p> : null}
      {data ? (
        <>
          <dl className="stats" data-testid="cost-totals">
            <div className="stat">
              <dt>Turns</dt>
              <dd>{data.byDepartment.total.turns}</dd>
            </div>
            <div className="stat">
              <dt>Tokens in / out</dt>
              <dd>
                {data.byDepartment.total.inputTokens} / {data.byDepartment.total.outputTokens}
              </dd>
            </div>
            <div className="stat">
              <dt>Cost</dt>
              <dd>
                {usd(data.byDepartment.total.costUsd)}
                {data.byDepartment.total.unpricedTurns > 0 ? ` + ${data.byDepartment.total.unpricedTurns} unpriced turns (add a price for their model)` : ""}
              </dd>
            </div>
          </dl>
          <CostChart id="cost-department" title="Per department" rows={data.byDepartment.rows} dataKeyLabel="Department" />
          <CostChart id="cost-model" title="Per model" rows={data.byModel.rows} dataKeyLabel="Model" />
          <CostChart id="cost-day" title="Per day" rows={data.byDay.rows} dataKeyLabel="Day" />

          <section className="card" aria-labelledby="budgets-title">
            <h2 id="budgets-title" className="card-title">
              Budgets
            </h2>
            {data.budgets.length === 0 ? (
              <p className="muted">No budgets set: spending is unlimited. An admin sets monthly budgets through the budgets API.</p>
            ) : (
              <table className="table" data-testid="budgets">
                <caption className="visually-hidden">Monthly budgets and how much of each is spent</caption>
                <thead>
                  <tr>
                    <th scope="col">Applies to</th>
                    <th scope="col">Monthly limit</th>
                    <th scope="col">Spent</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {data.budgets.map((budget) => {
                    const { spent, state } = spentFor(budget, data);
                    return (
                      <tr key={budget.id}>
                        <th scope="row">{budget.scope === "global" ? "Everyone" : `${budget.scope}: ${budget.scopeId}`}</th>
                        <td>{usd(budget.monthlyLimitUsd)}</td>
                        <td>{usd(spent)}</td>
                        <td className={state === "within budget" ? undefined : "text-warn"}>{state}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {data.exceptions.some((e) => e.active) ? (
              <>
                <h3>Active exceptions</h3>
                <ul className="plain-list">
                  {data.exceptions
                    .filter((e) => e.active)
                    .map((e) => (
                      <li key={e.id}>
                        {e.employeeId}: {e.reason} (granted by {e.grantedBy}, until {new Date(e.expiresAt).toLocaleDateString()})
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

import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { describeError, isAbort } from "../../errors.ts";
import { getUsage, type PortalUsage } from "../../portalApi.ts";

const usd = (value: number) => `$${value.toFixed(value < 1 ? 4 : 2)}`;

/** The employee's own usage this month: totals, a per-day chart, per model, and the budget. */
export function UsagePage() {
  const [usage, setUsage] = useState<PortalUsage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getUsage(controller.signal)
      .then(setUsage)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(describeError(err, "Could not load your usage."));
      });
    return () => controller.abort();
  }, []);

  const days = usage?.byDay.map((row) => ({ day: row.key.slice(5), turns: row.turns, tokens: row.inputTokens + row.outputTokens })) ?? [];

  return (
    <main className="page" aria-labelledby="usage-title">
      <h1 id="usage-title" className="page-title">
        My usage{usage ? ` — ${usage.month}` : ""}
      </h1>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {!usage && !error ? <p className="muted">Loading…</p> : null}
      {usage ? (
        <>
          <dl className="stats" data-testid="usage-totals">
            <div className="stat">
              <dt>Turns</dt>
              <dd>{usage.total.turns}</dd>
            </div>
            <div className="stat">
              <dt>Tokens in / out</dt>
              <dd>
                {usage.total.inputTokens} / {usage.total.outputTokens}
              </dd>
            </div>
            <div className="stat">
              <dt>Cost</dt>
              <dd>
                {usd(usage.total.costUsd)}
                {usage.total.unpricedTurns > 0 ? ` + ${usage.total.unpricedTurns} unpriced turns` : ""}
              </dd>
            </div>
            <div className="stat">
              <dt>Budget</dt>
              <dd className={usage.budget.warn ? "text-warn" : undefined}>
                {usage.budget.limitUsd === null ? "No limit" : `${usd(usage.budget.spentUsd)} of ${usd(usage.budget.limitUsd)}`}
              </dd>
            </div>
          </dl>

          <section className="card" aria-labelledby="usage-days-title">
            <h2 id="usage-days-title" className="card-title">
              Turns per day
            </h2>
            {days.length === 0 ? (
              <p className="muted">No turns yet this month — chat with your agent and they show up here.</p>
            ) : (
              <div className="chart" data-testid="usage-chart">
                <ResponsiveContainer width="100%" height={240}>
                  <BarChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="day" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Bar dataKey="turns" name="Turns" fill="#2f5fd0" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="usage-models-title">
            <h2 id="usage-models-title" className="card-title">
              By model
            </h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Turns</th>
                  <th scope="col">Tokens</th>
                  <th scope="col">Cost</th>
                </tr>
              </thead>
              <tbody>
                {usage.byModel.map((row) => (
                  <tr key={row.key}>
                    <td>{row.label ?? row.key}</td>
                    <td>{row.turns}</td>
                    <td>{row.inputTokens + row.outputTokens}</td>
                    <td>{row.unpricedTurns > 0 ? "unpriced" : usd(row.costUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </main>
  );
}

import { useState } from "react";
import type { BudgetException } from "@clawgate/contracts";
import { revokeBudgetException } from "../../../budgetsApi.ts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EmptyState, Outcome } from "../../../components/PageNotices.tsx";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { nearOrOver } from "./budgetStanding.ts";
import { stateText } from "./BudgetsSection.tsx";
import { namesOf, type CostData } from "./costData.ts";
import { ExceptionForm } from "./ExceptionForm.tsx";
import { usd } from "./money.ts";

const STRINGS = defineStrings({
  en: {
    title: "Over budget and exceptions",
    nearTitle: "Near or over their budget",
    nearCaption: "Employees who have spent at least 80 % of the budget that applies to them this month",
    nobodyNear: "Nobody has spent 80 % of their budget this month.",
    employee: "Employee",
    spentOfLimit: "Spent / limit",
    budgetFrom: "Budget",
    level: (level: string) => ({ employee: "their own", department: "their department's", global: "everyone's" })[level] ?? level,
    state: "State",
    unpriced: (n: number) => ` + ${n} unpriced turn(s)`,
    withinBudget: "within budget",
    over80: "over 80 %",
    exceededRefused: "exceeded — turns refused",
    exceededException: (until: string) => `exceeded (exception until ${until})`,
    grantFor: "Grant an exception",
    grantForLabel: (name: string) => `Grant ${name} an exception`,
    activeExceptions: "Active exceptions",
    activeCaption: "Exceptions in force: these employees are not refused for being over budget",
    noActive: "No exceptions in force.",
    reason: "Reason",
    grantedBy: "Granted by",
    until: "Until",
    revoke: "Revoke",
    revokeLabel: (name: string) => `Revoke ${name}'s exception`,
    confirmRevoke: (name: string) => `Revoke ${name}'s exception? If they are over budget their next turn is refused.`,
    revoked: (name: string) => `Revoked ${name}'s exception.`,
    granted: (name: string) => `Granted ${name} an exception.`,
    failed: "Could not revoke the exception.",
    ended: (n: number) => `Ended exceptions (${n})`,
    endedItem: (name: string, reason: string, until: string, revoked: boolean) => `${name}: ${reason} — ${revoked ? "revoked" : "expired"} ${until}`,
  },
  zh: {
    title: "超支与例外",
    nearTitle: "接近或超出预算",
    nearCaption: "本月已花费适用预算 80 % 以上的员工",
    nobodyNear: "本月没有人花费超过预算的 80 %。",
    employee: "员工",
    spentOfLimit: "已用 / 上限",
    budgetFrom: "预算",
    level: (level: string) => ({ employee: "本人的", department: "所在部门的", global: "全体的" })[level] ?? level,
    state: "状态",
    unpriced: (n: number) => ` + ${n} 轮未定价`,
    withinBudget: "预算内",
    over80: "超过 80 %",
    exceededRefused: "已超支——对话被拒绝",
    exceededException: (until: string) => `已超支（例外有效期至 ${until}）`,
    grantFor: "批准例外",
    grantForLabel: (name: string) => `为 ${name} 批准例外`,
    activeExceptions: "生效中的例外",
    activeCaption: "生效中的例外：这些员工不会因超出预算而被拒绝",
    noActive: "没有生效中的例外。",
    reason: "原因",
    grantedBy: "批准人",
    until: "有效期至",
    revoke: "撤销",
    revokeLabel: (name: string) => `撤销 ${name} 的例外`,
    confirmRevoke: (name: string) => `撤销 ${name} 的例外？如果其已超出预算，下一轮对话将被拒绝。`,
    revoked: (name: string) => `已撤销 ${name} 的例外。`,
    granted: (name: string) => `已为 ${name} 批准例外。`,
    failed: "无法撤销例外。",
    ended: (n: number) => `已结束的例外（${n}）`,
    endedItem: (name: string, reason: string, until: string, revoked: boolean) => `${name}：${reason}——${revoked ? "已撤销于" : "已过期于"} ${until}`,
  },
});

interface Props {
  data: CostData;
  isAdmin: boolean;
  date: (iso: string) => string;
  onChanged: () => void;
}

/** Who is near or over their budget, the exceptions in force and ended; admins grant and revoke. */
export function ExceptionsSection({ data, isAdmin, date, onChanged }: Props) {
  const t = useStrings(STRINGS);
  const names = namesOf(data);
  const [grantTo, setGrantTo] = useState("");
  const [formKey, setFormKey] = useState(0);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const near = nearOrOver(data.states);
  const active = data.exceptions.filter((e) => e.active);
  const ended = data.exceptions.filter((e) => !e.active);

  const openGrant = (employeeId: string) => {
    setGrantTo(employeeId);
    setFormKey((k) => k + 1);
    // The form sits below the tables; take the keyboard there with it.
    requestAnimationFrame(() => document.getElementById("exception-reason")?.focus());
  };
  const revoke = async (exception: BudgetException) => {
    const name = names.employee(exception.employeeId);
    if (!window.confirm(t.confirmRevoke(name))) return;
    setOutcome(null);
    try {
      await revokeBudgetException(exception.id);
      setOutcome({ ok: true, text: t.revoked(name) });
      onChanged();
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    }
  };

  return (
    <Card titleId="exceptions-title" title={t.title} testId="budget-exceptions">
      <h3>{t.nearTitle}</h3>
      {near.length === 0 ? (
        <EmptyState>{t.nobodyNear}</EmptyState>
      ) : (
        <DataTable caption={t.nearCaption} columns={[t.employee, t.spentOfLimit, t.budgetFrom, t.state]} actions={isAdmin ? t.grantFor : undefined} testId="budget-near">
          {near.map(({ employeeId, state }) => (
            <tr key={employeeId}>
              <th scope="row">{names.employee(employeeId)}</th>
              <td>
                {usd(state.spentUsd)} / {usd(state.limitUsd ?? 0)}
                {state.unpricedTurns > 0 ? t.unpriced(state.unpricedTurns) : ""}
              </td>
              <td>{t.level(state.level)}</td>
              <td className={state.refuseTurns ? "text-warn" : undefined}>{stateText(state, t, date)}</td>
              {isAdmin ? (
                <td>
                  {state.exception ? null : (
                    <button type="button" className="button button--small" onClick={() => openGrant(employeeId)} aria-label={t.grantForLabel(names.employee(employeeId))}>
                      {t.grantFor}
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}

      <h3>{t.activeExceptions}</h3>
      <Outcome outcome={outcome} />
      {active.length === 0 ? (
        <EmptyState>{t.noActive}</EmptyState>
      ) : (
        <DataTable caption={t.activeCaption} columns={[t.employee, t.reason, t.grantedBy, t.until]} actions={isAdmin ? t.revoke : undefined} testId="budget-active-exceptions">
          {active.map((e) => (
            <tr key={e.id}>
              <th scope="row">{names.employee(e.employeeId)}</th>
              <td>{e.reason}</td>
              <td>{names.employee(e.grantedBy)}</td>
              <td>{date(e.expiresAt)}</td>
              {isAdmin ? (
                <td>
                  <button type="button" className="button button--small button--danger" onClick={() => void revoke(e)} aria-label={t.revokeLabel(names.employee(e.employeeId))}>
                    {t.revoke}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {ended.length > 0 ? (
        <details className="cost-ended">
          <summary>{t.ended(ended.length)}</summary>
          <ul className="plain-list">
            {ended.map((e) => (
              <li key={e.id}>{t.endedItem(names.employee(e.employeeId), e.reason, date(e.revokedAt ?? e.expiresAt), e.revokedAt !== null)}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {isAdmin ? (
        <ExceptionForm
          key={formKey}
          employees={data.employees}
          employeeId={grantTo}
          onDone={(employeeId) => {
            setOutcome({ ok: true, text: t.granted(names.employee(employeeId)) });
            setGrantTo("");
            onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}

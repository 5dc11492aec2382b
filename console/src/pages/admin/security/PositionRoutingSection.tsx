import { useState } from "react";
import type { AgentSummary, Position, Runtime } from "@clawgate/contracts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EmptyState, Outcome } from "../../../components/PageNotices.tsx";
import { setPositionRuntime } from "../../../securityApi.ts";

const STRINGS = defineStrings({
  en: {
    title: "Position → runtime",
    intro: "An employee's override beats their position's rule, and an always-on endpoint beats both. Positions without a rule use the default runtime.",
    caption: "Runtime rule of each position",
    position: "Position",
    runtime: "Runtime",
    runtimeFor: (position: string) => `Runtime for ${position}`,
    useDefault: (name: string) => `Default runtime (${name})`,
    noDefault: "Default runtime (none set)",
    save: "Save",
    saveLabel: (position: string) => `Save the runtime of ${position}`,
    saved: (position: string) => `Saved: ${position} routes accordingly from its holders' next turn.`,
    failed: "Could not change the position's runtime.",
    exceptions: "Agents routed on their own",
    exceptionsNone: "No agent has its own override or always-on endpoint.",
    override: (runtime: string) => `own override: ${runtime}`,
    alwaysOn: "always-on endpoint",
    exceptionsHint: "Change these in the Agent Factory.",
    empty: "No positions yet: create them under Organization.",
  },
  zh: {
    title: "岗位 → 运行时",
    intro: "员工覆盖优先于岗位规则，常驻端点优先于二者。没有规则的岗位使用默认运行时。",
    caption: "各岗位的运行时规则",
    position: "岗位",
    runtime: "运行时",
    runtimeFor: (position: string) => `${position} 的运行时`,
    useDefault: (name: string) => `默认运行时（${name}）`,
    noDefault: "默认运行时（未设置）",
    save: "保存",
    saveLabel: (position: string) => `保存 ${position} 的运行时`,
    saved: (position: string) => `已保存：${position} 的员工将从下一轮对话起按此路由。`,
    failed: "无法修改岗位的运行时。",
    exceptions: "单独路由的智能体",
    exceptionsNone: "没有智能体设置了自己的覆盖或常驻端点。",
    override: (runtime: string) => `自身覆盖：${runtime}`,
    alwaysOn: "常驻端点",
    exceptionsHint: "请在智能体工厂中修改。",
    empty: "还没有岗位：请在“组织”中创建。",
  },
});

interface Props {
  positions: Position[];
  runtimes: Runtime[];
  agents: AgentSummary[];
  onChanged: () => void;
}

/** Each position's runtime rule (PATCH /positions/{id} runtimeId), and the agents that bypass it. */
export function PositionRoutingSection({ positions, runtimes, agents, onChanged }: Props) {
  const t = useStrings(STRINGS);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const fallback = runtimes.find((r) => r.isDefault);
  const exceptions = agents.filter((a) => a.runtime?.tier === "employee_override" || a.runtime?.tier === "always_on");

  const save = async (position: Position) => {
    setOutcome(null);
    const runtimeId = drafts[position.id] ?? position.runtimeId ?? "";
    try {
      await setPositionRuntime(position.id, runtimeId || null);
      setOutcome({ ok: true, text: t.saved(position.name) });
      onChanged();
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    }
  };

  return (
    <Card titleId="position-routing-title" title={t.title} testId="security-routing">
      <p className="muted">{t.intro}</p>
      <Outcome outcome={outcome} />
      {positions.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <DataTable caption={t.caption} columns={[t.position, t.runtime]}>
          {positions.map((position) => {
            const value = drafts[position.id] ?? position.runtimeId ?? "";
            return (
              <tr key={position.id} data-testid="position-routing-row">
                <th scope="row">
                  {position.name} <span className="muted">{position.id}</span>
                </th>
                <td>
                  <div className="actions">
                    <select className="field-input" aria-label={t.runtimeFor(position.name)} value={value} onChange={(e) => setDrafts((d) => ({ ...d, [position.id]: e.target.value }))}>
                      <option value="">{fallback ? t.useDefault(fallback.name) : t.noDefault}</option>
                      {runtimes.map((runtime) => (
                        <option key={runtime.id} value={runtime.id}>
                          {runtime.name}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={value === (position.runtimeId ?? "")}
                      onClick={() => void save(position)}
                      aria-label={t.saveLabel(position.name)}
                    >
                      {t.save}
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <h3 className="card-title">{t.exceptions}</h3>
      {exceptions.length === 0 ? (
        <p className="muted">{t.exceptionsNone}</p>
      ) : (
        <>
          <ul className="plain-list" data-testid="routing-exceptions">
            {exceptions.map((agent) => (
              <li key={agent.employeeId}>
                {agent.name} <span className="muted">({agent.positionName})</span>: {agent.runtime?.tier === "always_on" ? t.alwaysOn : t.override(agent.runtime?.runtimeName ?? agent.runtime?.runtimeId ?? "")}
              </li>
            ))}
          </ul>
          <p className="field-hint">{t.exceptionsHint}</p>
        </>
      )}
    </Card>
  );
}

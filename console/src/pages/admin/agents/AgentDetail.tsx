import { useCallback, useEffect, useRef, useState } from "react";
import type { AgentSummary, ConfigSource, EmployeeRouting, Me, Model, RouteExplanation, RouteTier, Runtime } from "@clawgate/contracts";
import {
  applyConfig,
  changeEmployeeAgentConfig,
  changePositionAgentConfig,
  changeRouting,
  getEmployeeAgentConfig,
  getModels,
  getPositionAgentConfig,
  getRoute,
  getRouting,
  getRuntimes,
  type EmployeeAgentConfig,
  type PositionAgentConfig,
} from "../../../agentsApi.ts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { DataTable } from "../../../components/DataTable.tsx";
import { LoadState, Outcome } from "../../../components/PageNotices.tsx";
import { useLoaded } from "../useLoaded.ts";
import { AgentConfigForm } from "./AgentConfigForm.tsx";
import { AgentSchedules } from "./AgentSchedules.tsx";
import { RoutingForm } from "./RoutingForm.tsx";

const STRINGS = defineStrings({
  en: {
    title: (name: string) => `${name}'s agent`,
    close: "Close",
    effective: "Effective configuration",
    effectiveCaption: "The settings of the next turn and where each comes from",
    setting: "Setting",
    value: "Value",
    from: "From",
    source: (key: ConfigSource) => ({ employee: "employee override", position: "position", default: "default" })[key],
    model: "Model",
    runtimeModel: "the runtime's own model",
    maxTokens: "Max output tokens",
    contextWindow: "Context window",
    compaction: "Compaction",
    language: "Language",
    route: "Route",
    tierNames: (key: RouteTier) => ({ always_on: "Always-on endpoint", employee_override: "Employee override", position_rule: "Position rule", default: "Default runtime" })[key],
    // The server's explanation, worded here so that it follows the UI language.
    reason: (tier: RouteTier, name: string, position: string, runtime: string) =>
      ({
        always_on: `${name} has an always-on endpoint; it serves all their turns, whatever else is configured.`,
        employee_override: `${name} has their own runtime override (${runtime}), which beats the rule of their position (${position}).`,
        position_rule: `${name}'s position (${position}) routes to ${runtime}; they have no override of their own.`,
        default: `Neither ${name} nor their position (${position}) names a runtime, so the default runtime (${runtime}) serves them.`,
      })[tier],
    compactionValue: (value: string) => ({ default: "default", safeguard: "safeguard" })[value] ?? value,
    notSet: "not set",
    chosen: "chosen",
    positionLevel: (position: string) => `Position: ${position}`,
    positionNote: (n: number) => `A change here reaches ${n} agent(s) holding this position, except where an employee sets their own value.`,
    employeeLevel: "This employee",
    employeeNote: "Beats the position's settings for this agent only.",
    positionLocked: "Read-only for you: this position belongs to a department above yours, so only an admin can change its settings.",
    employeeLocked: "Read-only for you: managers change the agents of employees and their own, not other managers' or admins'.",
    apply: "Apply now to this agent",
    applyPosition: (position: string) => `Apply now to everyone in ${position}`,
    applyHint: "Changes reach each agent's next turn anyway; applying also ends running runtime sessions so they start fresh.",
    applied: (stopped: number, refreshed: number, failed: number) => `Applied: ${stopped} session(s) stopped, ${refreshed} refreshed${failed ? `, ${failed} failed` : ""}.`,
    applyFailed: "Could not apply the configuration.",
    what: "this agent's configuration",
  },
  zh: {
    title: (name: string) => `${name} 的智能体`,
    close: "关闭",
    effective: "生效配置",
    effectiveCaption: "下一轮对话使用的设置及其来源",
    setting: "设置",
    value: "值",
    from: "来源",
    source: (key: ConfigSource) => ({ employee: "员工覆盖", position: "岗位", default: "默认" })[key],
    model: "模型",
    runtimeModel: "运行时自身的模型",
    maxTokens: "最大输出 token 数",
    contextWindow: "上下文窗口",
    compaction: "压缩策略",
    language: "语言",
    route: "路由",
    tierNames: (key: RouteTier) => ({ always_on: "常驻端点", employee_override: "员工覆盖", position_rule: "岗位规则", default: "默认运行时" })[key],
    reason: (tier: RouteTier, name: string, position: string, runtime: string) =>
      ({
        always_on: `${name} 设置了常驻端点；无论其他配置如何，其全部对话都由它服务。`,
        employee_override: `${name} 设置了自己的运行时覆盖（${runtime}），优先于其岗位（${position}）的规则。`,
        position_rule: `${name} 的岗位（${position}）路由到 ${runtime}；其本人没有覆盖。`,
        default: `${name} 及其岗位（${position}）都没有指定运行时，因此由默认运行时（${runtime}）服务。`,
      })[tier],
    compactionValue: (value: string) => ({ default: "默认", safeguard: "保护（safeguard）" })[value] ?? value,
    notSet: "未设置",
    chosen: "已选用",
    positionLevel: (position: string) => `岗位：${position}`,
    positionNote: (n: number) => `此处的更改影响担任该岗位的 ${n} 个智能体（员工自行设置的值除外）。`,
    employeeLevel: "该员工",
    employeeNote: "仅对该智能体生效，优先于岗位设置。",
    positionLocked: "你只能查看：该岗位属于你上级的部门，只有管理员可以更改其设置。",
    employeeLocked: "你只能查看：经理可以更改普通员工和自己的智能体，不能更改其他经理或管理员的。",
    apply: "立即应用到该智能体",
    applyPosition: (position: string) => `立即应用到 ${position} 的所有人`,
    applyHint: "更改本来就会在每个智能体的下一轮对话生效；应用还会结束正在运行的运行时会话，使其重新开始。",
    applied: (stopped: number, refreshed: number, failed: number) => `已应用：停止 ${stopped} 个会话，刷新 ${refreshed} 个${failed ? `，失败 ${failed} 个` : ""}。`,
    applyFailed: "无法应用配置。",
    what: "该智能体的配置",
  },
});

interface Detail {
  config: EmployeeAgentConfig;
  position: PositionAgentConfig;
  routing: EmployeeRouting;
  /** The explanation, or why there is none (409: no default runtime). */
  route: RouteExplanation | string;
  models: Model[];
  runtimes: Runtime[];
}

async function loadDetail(employeeId: string, signal: AbortSignal): Promise<Detail> {
  const config = await getEmployeeAgentConfig(employeeId, signal);
  const [position, routing, route, models, runtimes] = await Promise.all([
    getPositionAgentConfig(config.positionId, signal),
    getRouting(employeeId, signal),
    getRoute(employeeId, signal).catch((err: unknown) => describeError(err, "No route.")),
    getModels(signal),
    getRuntimes(signal),
  ]);
  return { config, position, routing, route, models, runtimes };
}

interface Props {
  agent: AgentSummary;
  me: Me;
  onClose: () => void;
  /** Something changed: the list's model and runtime columns may be stale. */
  onChanged: () => void;
}

/** One agent: effective settings with their sources, the route and why, and the settings at position and employee level. */
export function AgentDetail({ agent, me, onClose, onChanged }: Props) {
  const t = useStrings(STRINGS);
  const load = useCallback((signal: AbortSignal) => loadDetail(agent.employeeId, signal), [agent.employeeId]);
  const { data, error, reload } = useLoaded(load, t.what);
  const [applyOutcome, setApplyOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel opens below a long table: move focus (and the view) to it, as a keyboard user expects.
  useEffect(() => heading.current?.focus(), []);

  const saved = () => {
    reload();
    onChanged();
  };
  const apply = async (scope: "employee" | "position") => {
    setApplyOutcome(null);
    try {
      const result = await applyConfig(scope === "employee" ? { scope, id: agent.employeeId } : { scope, id: agent.positionId });
      setApplyOutcome({ ok: result.failures.length === 0, text: t.applied(result.stopped, result.refreshed, result.failures.length) });
    } catch (err) {
      setApplyOutcome({ ok: false, text: describeError(err, t.applyFailed) });
    }
  };

  const runtimeName = (id: string) => data?.runtimes.find((r) => r.id === id)?.name ?? id;

  const rows = data
    ? [
        { label: t.model, value: data.config.effective.model.value ?? t.runtimeModel, source: data.config.effective.model.source },
        { label: t.maxTokens, value: String(data.config.effective.maxTokens.value), source: data.config.effective.maxTokens.source },
        { label: t.contextWindow, value: String(data.config.effective.contextWindow.value), source: data.config.effective.contextWindow.source },
        { label: t.compaction, value: t.compactionValue(data.config.effective.compaction.value), source: data.config.effective.compaction.source },
        { label: t.language, value: data.config.effective.language.value, source: data.config.effective.language.source },
      ]
    : [];

  return (
    <section className="card agent-detail" aria-labelledby="agent-detail-title" data-testid="agent-detail">
      <div className="card-header">
        <h2 id="agent-detail-title" className="card-title" tabIndex={-1} ref={heading}>
          {t.title(agent.name)} <span className="muted">{agent.employeeId}</span>
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {t.close}
        </button>
      </div>
      <LoadState error={error} loading={!data} />
      {data ? (
        <>
          <div className="columns">
            <div>
              <DataTable caption={t.effectiveCaption} showCaption columns={[t.setting, t.value, t.from]} testId="agent-effective">
                {rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    <td>{row.value}</td>
                    <td>
                      <span className={`badge agent-source agent-source--${row.source}`}>{t.source(row.source)}</span>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </div>
            <div data-testid="agent-route">
              <h3 className="card-title">{t.route}</h3>
              {typeof data.route === "string" ? (
                <p className="notice notice--error" role="alert">
                  {data.route}
                </p>
              ) : (
                <>
                  <p data-testid="agent-route-reason">{t.reason(data.route.tier, agent.name, agent.positionName, data.route.runtime.name)}</p>
                  <ol className="plain-list agent-tiers">
                    {data.route.tiers.map((tier) => (
                      <li key={tier.tier} className={tier.chosen ? "agent-tier--chosen" : undefined}>
                        {t.tierNames(tier.tier)}: {tier.runtimeId ? (tier.tier === "always_on" ? data.routing.alwaysOnEndpoint : runtimeName(tier.runtimeId)) : <span className="muted">{t.notSet}</span>}
                        {tier.chosen ? <strong> ✓ {t.chosen}</strong> : null}
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </div>
          </div>
          <div className="columns">
            <AgentConfigForm
              key={`position-${data.config.positionId}`}
              idPrefix="position-config"
              title={t.positionLevel(agent.positionName)}
              note={t.positionNote(data.position.affectedAgents)}
              overrides={data.position.overrides}
              models={data.models}
              lockedReason={data.position.canEdit ? null : t.positionLocked}
              onSave={async (change) => {
                await changePositionAgentConfig(data.config.positionId, change);
                saved();
              }}
            />
            <AgentConfigForm
              key={`employee-${agent.employeeId}`}
              idPrefix="employee-config"
              title={t.employeeLevel}
              note={t.employeeNote}
              overrides={data.config.overrides}
              models={data.models}
              lockedReason={data.config.canEdit ? null : t.employeeLocked}
              onSave={async (change) => {
                await changeEmployeeAgentConfig(agent.employeeId, change);
                saved();
              }}
            />
          </div>
          {/* Routing is changed under the employee-level rule: locked with it, the route above still says where turns go. */}
          {data.config.canEdit ? (
            <RoutingForm
              key={`routing-${agent.employeeId}`}
              routing={data.routing}
              runtimes={data.runtimes}
              canSetAlwaysOn={me.role === "admin"}
              onSave={async (change) => {
                await changeRouting(agent.employeeId, change);
                saved();
              }}
            />
          ) : null}
          <div className="agent-apply">
            <p className="field-hint">{t.applyHint}</p>
            <div className="actions">
              <button type="button" className="button" onClick={() => void apply("employee")} data-testid="agent-apply">
                {t.apply}
              </button>
              <button type="button" className="button" onClick={() => void apply("position")} data-testid="agent-apply-position">
                {t.applyPosition(agent.positionName)}
              </button>
            </div>
            <Outcome outcome={applyOutcome} />
          </div>
          <AgentSchedules employeeId={agent.employeeId} name={agent.name} />
        </>
      ) : null}
    </section>
  );
}

import { useMemo, useState } from "react";
import type { AgentStatus, AgentSummary, ConfigSource, Me, RouteTier } from "@clawgate/contracts";
import { getAgents } from "../../agentsApi.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { EmptyState, LoadState } from "../../components/PageNotices.tsx";
import { AgentDetail } from "./agents/AgentDetail.tsx";
import { useLoaded } from "./useLoaded.ts";
import "./AgentFactoryPage.css";

const STRINGS = defineStrings({
  en: {
    title: "Agent Factory",
    intro: "One agent per employee in your scope. Open one to see its effective configuration, where each value comes from, and where it runs.",
    search: "Search",
    searchPlaceholder: "Name or employee id",
    department: "Department",
    position: "Position",
    all: "All",
    caption: (shown: number, total: number) => `Agents (${shown} of ${total})`,
    agent: "Agent",
    model: "Model",
    runtime: "Runtime",
    status: "Status",
    actions: "Actions",
    runtimeModel: "the runtime's own model",
    fromLevel: (key: ConfigSource) => ({ employee: "employee", position: "position", default: "default" })[key],
    tier: (key: RouteTier) => ({ always_on: "always-on", employee_override: "override", position_rule: "position", default: "default" })[key],
    noRuntime: "no runtime",
    alwaysOn: "always-on",
    statusNames: (key: AgentStatus) => ({ active: "active", idle: "idle", never: "never used" })[key],
    lastTurn: (when: string) => `last turn ${when}`,
    turns24h: (n: number) => `${n} turn(s) in 24 h`,
    open: "Details",
    openLabel: (name: string) => `Details of ${name}'s agent`,
    none: "No agents match. Clear the search or the filters.",
    empty: "No agents yet: create employees under Organization and each gets an agent.",
    what: "the agents",
  },
  zh: {
    title: "智能体工厂",
    intro: "您管辖范围内每位员工各有一个智能体。打开一个即可查看其生效配置、各项取值来源以及运行位置。",
    search: "搜索",
    searchPlaceholder: "姓名或员工 ID",
    department: "部门",
    position: "岗位",
    all: "全部",
    caption: (shown: number, total: number) => `智能体（${total} 个中显示 ${shown} 个）`,
    agent: "智能体",
    model: "模型",
    runtime: "运行时",
    status: "状态",
    actions: "操作",
    runtimeModel: "运行时自身的模型",
    fromLevel: (key: ConfigSource) => ({ employee: "员工", position: "岗位", default: "默认" })[key],
    tier: (key: RouteTier) => ({ always_on: "常驻", employee_override: "覆盖", position_rule: "岗位", default: "默认" })[key],
    noRuntime: "无运行时",
    alwaysOn: "常驻",
    statusNames: (key: AgentStatus) => ({ active: "活跃", idle: "空闲", never: "从未使用" })[key],
    lastTurn: (when: string) => `最近对话 ${when}`,
    turns24h: (n: number) => `24 小时内 ${n} 轮`,
    open: "详情",
    openLabel: (name: string) => `${name} 的智能体详情`,
    none: "没有匹配的智能体。请清除搜索或筛选条件。",
    empty: "还没有智能体：在“组织”中创建员工，每位员工都会获得一个智能体。",
    what: "智能体列表",
  },
});

const unique = (values: { id: string; name: string }[]) => [...new Map(values.map((v) => [v.id, v.name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));

/** Every agent in the caller's scope with its model, runtime and activity; search, filter, and open one to configure it. */
export function AgentFactoryPage({ me }: { me: Me }) {
  const t = useStrings(STRINGS);
  const { data, error, reload } = useLoaded(getAgents, t.what);
  const [query, setQuery] = useState("");
  const [departmentId, setDepartmentId] = useState("");
  const [positionId, setPositionId] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const agents = useMemo(() => data ?? [], [data]);
  const departments = unique(agents.map((a) => ({ id: a.departmentId, name: a.departmentName })));
  const positions = unique(agents.map((a) => ({ id: a.positionId, name: a.positionName })));
  const needle = query.trim().toLowerCase();
  const shown = agents.filter(
    (a) =>
      (!departmentId || a.departmentId === departmentId) &&
      (!positionId || a.positionId === positionId) &&
      (!needle || a.name.toLowerCase().includes(needle) || a.employeeId.toLowerCase().includes(needle)),
  );
  const selected = agents.find((a) => a.employeeId === selectedId) ?? null;

  const runtimeCell = (agent: AgentSummary) => {
    if (!agent.runtime) return <span className="text-warn">{t.noRuntime}</span>;
    return (
      <>
        {agent.runtime.runtimeName ?? agent.runtime.runtimeId ?? ""} <span className="muted">({t.tier(agent.runtime.tier)})</span>
        {agent.alwaysOn ? <span className="badge agent-always-on">{t.alwaysOn}</span> : null}
      </>
    );
  };

  return (
    <main className="page page--wide" aria-labelledby="agents-title">
      <h1 id="agents-title" className="page-title">
        {t.title}
      </h1>
      <p className="muted">{t.intro}</p>
      <LoadState error={error} loading={!data} />
      {data ? (
        <>
          <div className="toolbar agent-filters" role="search">
            <label className="field" htmlFor="agent-search">
              <span className="field-label">{t.search}</span>
              <input id="agent-search" className="field-input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t.searchPlaceholder} />
            </label>
            <label className="field" htmlFor="agent-department">
              <span className="field-label">{t.department}</span>
              <select id="agent-department" className="field-input" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
                <option value="">{t.all}</option>
                {departments.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field" htmlFor="agent-position">
              <span className="field-label">{t.position}</span>
              <select id="agent-position" className="field-input" value={positionId} onChange={(e) => setPositionId(e.target.value)}>
                <option value="">{t.all}</option>
                {positions.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {agents.length === 0 ? <EmptyState>{t.empty}</EmptyState> : shown.length === 0 ? <EmptyState testId="agents-none">{t.none}</EmptyState> : null}
          {shown.length ? (
            <DataTable caption={t.caption(shown.length, agents.length)} showCaption columns={[t.agent, t.position, t.department, t.model, t.runtime, t.status]} actions={t.actions} className="agent-table" testId="agent-table">
              {shown.map((agent) => (
                <tr key={agent.employeeId} data-testid="agent-row" className={agent.employeeId === selectedId ? "agent-row--selected" : undefined}>
                  <th scope="row">
                    {agent.name} <span className="muted">{agent.employeeId}</span>
                  </th>
                  <td>{agent.positionName}</td>
                  <td>{agent.departmentName}</td>
                  <td>
                    {agent.model.value ? (
                      <>
                        {agent.model.value} <span className="muted">({t.fromLevel(agent.model.source)})</span>
                      </>
                    ) : (
                      <span className="muted">{t.runtimeModel}</span>
                    )}
                  </td>
                  <td>{runtimeCell(agent)}</td>
                  <td>
                    <span className={`badge agent-status agent-status--${agent.status}`}>{t.statusNames(agent.status)}</span>
                    {agent.lastTurnAt ? (
                      <span className="muted agent-last-turn">
                        {t.lastTurn(new Date(agent.lastTurnAt).toLocaleString())} · {t.turns24h(agent.turnsLast24h)}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setSelectedId(agent.employeeId)}
                      aria-label={t.openLabel(agent.name)}
                      aria-expanded={agent.employeeId === selectedId}
                      aria-controls="agent-detail"
                    >
                      {t.open}
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          <div id="agent-detail">{selected ? <AgentDetail key={selected.employeeId} agent={selected} me={me} onClose={() => setSelectedId(null)} onChanged={reload} /> : null}</div>
        </>
      ) : null}
    </main>
  );
}

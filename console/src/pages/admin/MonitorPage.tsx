import type { FailureEntry, MonitorReport } from "@clawgate/contracts";
import { Card } from "../../components/Card.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { EmptyState, LoadState } from "../../components/PageNotices.tsx";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { getMonitor } from "../../opsApi.ts";
import { formatTime } from "./formatTime.ts";
import { useLoaded } from "./useLoaded.ts";
import { useRefreshWhileVisible } from "./useRefreshWhileVisible.ts";
import "./DashboardPage.css";

const REFRESH_MS = 15_000;

const STRINGS = defineStrings({
  en: {
    // What could not be loaded, in the sentence useLoaded words.
    what: "the monitor",
    title: "Monitor",
    updated: (time: string) => `Updated ${time}; refreshes every 15 seconds while this tab is open.`,
    sessions: "Active sessions",
    sessionsCaption: "Employees whose agent ran a turn in the last 15 minutes, per access path, latest first",
    sessionsEmpty: "No agent has run a turn in the last 15 minutes. A session appears here as soon as someone chats in the portal, over IM, through a twin or in the Playground.",
    turns: "Recent turns",
    turnsCaption: "The last 50 turns, newest first",
    turnsEmpty: "No turns yet. Ask something in Chat or the Playground and the turn shows up here with its model, tokens and cost.",
    failures: "Failures",
    failuresCaption: "The last 50 turn failures, runtime fallbacks and guardrail events, newest first",
    failuresEmpty: "No failures. Turn errors, runtime fallbacks, guardrail blocks and failed deliveries would be listed here; the Audit page has the full trail.",
    employee: "Employee",
    path: "Access path",
    runtime: "Runtime",
    lastTurn: "Last turn",
    turnCount: "Turns",
    when: "When",
    model: "Model",
    tokens: "Tokens in / out",
    cost: "Cost",
    duration: "Duration",
    kind: "What",
    reason: "Reason",
    unpriced: "unpriced",
    path_employee: "portal / IM",
    path_playground: "playground",
    path_twin: "digital twin",
    path_admin: "admin",
    path_scheduled: "scheduled",
    failure_agent_turn_failed: "Turn failed",
    failure_runtime_fallback: "Runtime fallback",
    failure_guardrail_blocked: "Guardrail blocked",
    failure_guardrail_failed: "Guardrail error",
    failure_schedule_delivery_failed: "Delivery failed",
  },
  zh: {
    what: "监控数据",
    title: "运行监控",
    updated: (time: string) => `更新于 ${time}；页面打开时每 15 秒刷新一次。`,
    sessions: "活跃会话",
    sessionsCaption: "最近 15 分钟内有对话的员工（按访问途径），最新的在前",
    sessionsEmpty: "最近 15 分钟没有智能体运行。员工在门户、IM、数字分身或试验场中对话后，会话会立即显示在这里。",
    turns: "最近对话轮次",
    turnsCaption: "最近 50 轮对话，最新的在前",
    turnsEmpty: "还没有对话。在“对话”或“试验场”中提一个问题，这一轮的模型、Token 和费用就会显示在这里。",
    failures: "失败",
    failuresCaption: "最近 50 条对话失败、运行时回退和护栏事件，最新的在前",
    failuresEmpty: "没有失败。对话错误、运行时回退、护栏拦截和投递失败会列在这里；完整记录请查看“审计”页面。",
    employee: "员工",
    path: "访问途径",
    runtime: "运行时",
    lastTurn: "最近一轮",
    turnCount: "轮次",
    when: "时间",
    model: "模型",
    tokens: "输入 / 输出 Token",
    cost: "费用",
    duration: "耗时",
    kind: "类型",
    reason: "原因",
    unpriced: "未定价",
    path_employee: "门户 / IM",
    path_playground: "试验场",
    path_twin: "数字分身",
    path_admin: "管理员",
    path_scheduled: "定时任务",
    failure_agent_turn_failed: "对话失败",
    failure_runtime_fallback: "运行时回退",
    failure_guardrail_blocked: "护栏拦截",
    failure_guardrail_failed: "护栏出错",
    failure_schedule_delivery_failed: "投递失败",
  },
});

type Strings = (typeof STRINGS)["en"];

const PATHS = ["employee", "playground", "twin", "admin", "scheduled"] as const;
const pathLabel = (t: Strings, path: string) => ((PATHS as readonly string[]).includes(path) ? t[`path_${path as (typeof PATHS)[number]}`] : path);
const FAILURE_LABEL = {
  "agent.turn_failed": "failure_agent_turn_failed",
  "runtime.fallback": "failure_runtime_fallback",
  "guardrail.blocked": "failure_guardrail_blocked",
  "guardrail.failed": "failure_guardrail_failed",
  "schedule.delivery_failed": "failure_schedule_delivery_failed",
} as const satisfies Record<FailureEntry["type"], keyof Strings>;
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);

/** What the agents are doing right now, what they did last, and what went wrong — in the caller's scope. */
export function MonitorPage() {
  const t = useStrings(STRINGS);
  const { language } = useLanguage();
  const { data, error, reload } = useLoaded(getMonitor, t.what);
  useRefreshWhileVisible(reload, REFRESH_MS);

  return (
    <main className="page page--wide" aria-labelledby="monitor-title" data-testid="monitor-page">
      <h1 id="monitor-title" className="page-title">
        {t.title}
      </h1>
      <LoadState error={error} loading={!data && !error} />
      {data ? (
        <>
          <Sessions data={data} />
          <Turns data={data} />
          <Failures data={data} />
          <p className="muted dashboard-updated" role="status">
            {t.updated(formatTime(data.generatedAt, language))}
          </p>
        </>
      ) : null}
    </main>
  );
}

function Sessions({ data }: { data: MonitorReport }) {
  const t = useStrings(STRINGS);
  const { language } = useLanguage();
  return (
    <Card titleId="monitor-sessions-title" title={t.sessions} testId="monitor-sessions">
      {data.sessions.length === 0 ? (
        <EmptyState>{t.sessionsEmpty}</EmptyState>
      ) : (
        <DataTable caption={t.sessionsCaption} columns={[t.employee, t.path, t.runtime, t.lastTurn, t.turnCount]}>
          {data.sessions.map((s) => (
            <tr key={`${s.employeeId}/${s.accessPath}`} data-testid="session-row">
              <th scope="row">{s.employeeName ?? s.employeeId}</th>
              <td>{pathLabel(t, s.accessPath)}</td>
              <td>{s.runtimeName ?? s.runtimeId}</td>
              <td>{formatTime(s.lastTurnAt, language)}</td>
              <td>{s.turns}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}

function Turns({ data }: { data: MonitorReport }) {
  const t = useStrings(STRINGS);
  const { language } = useLanguage();
  return (
    <Card titleId="monitor-turns-title" title={t.turns} testId="monitor-turns">
      {data.turns.length === 0 ? (
        <EmptyState>{t.turnsEmpty}</EmptyState>
      ) : (
        <DataTable caption={t.turnsCaption} columns={[t.when, t.employee, t.path, t.model, t.tokens, t.cost, t.duration]}>
          {data.turns.map((turn) => (
            <tr key={turn.turnId} data-testid="turn-row">
              <td>{formatTime(turn.at, language)}</td>
              <th scope="row">{turn.employeeName ?? turn.employeeId}</th>
              <td>{pathLabel(t, turn.accessPath)}</td>
              <td>
                <code>{turn.model}</code>
              </td>
              <td>
                {turn.inputTokens} / {turn.outputTokens}
              </td>
              <td>{turn.costUsd === null ? t.unpriced : `$${turn.costUsd.toFixed(4)}`}</td>
              <td>{seconds(turn.durationMs)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}

function Failures({ data }: { data: MonitorReport }) {
  const t = useStrings(STRINGS);
  const { language } = useLanguage();
  return (
    <Card titleId="monitor-failures-title" title={t.failures} testId="monitor-failures">
      {data.failures.length === 0 ? (
        <EmptyState>{t.failuresEmpty}</EmptyState>
      ) : (
        <DataTable caption={t.failuresCaption} columns={[t.when, t.kind, t.employee, t.reason]}>
          {data.failures.map((failure) => (
            <tr key={failure.id} data-testid="failure-row" data-type={failure.type}>
              <td>{formatTime(failure.at, language)}</td>
              <th scope="row">{t[FAILURE_LABEL[failure.type]]}</th>
              <td>{failure.employeeName ?? failure.employeeId ?? "—"}</td>
              <td>{failure.reason ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}

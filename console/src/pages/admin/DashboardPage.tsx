import type { ChecklistItem, ChecklistItemId, Dashboard, DashboardCounts, Me } from "@clawgate/contracts";
import { Card } from "../../components/Card.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { EmptyState, LoadState } from "../../components/PageNotices.tsx";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { navItemsFor } from "../../navigation.ts";
import { getDashboard } from "../../opsApi.ts";
import { hrefFor } from "../../router.ts";
import { formatTime } from "./formatTime.ts";
import { useLoaded } from "./useLoaded.ts";
import { useRefreshWhileVisible } from "./useRefreshWhileVisible.ts";
import "./DashboardPage.css";

const REFRESH_MS = 30_000;

const STRINGS = defineStrings({
  en: {
    // What could not be loaded, in the sentence useLoaded words.
    what: "the dashboard",
    title: "Dashboard",
    setup: "Setup checklist",
    setupDone: (done: number, total: number) => `${done} of ${total} done`,
    done: "Done",
    todo: "To do",
    fixIn: (page: string) => `Open ${page}`,
    counts: "Right now",
    scopeNote: "Counts cover your department and the departments below it.",
    activity: "Recent activity",
    activityCaption: "The last 10 audit events, newest first",
    when: "When",
    event: "Event",
    actor: "By",
    employee: "About",
    noActivity: "Nothing has happened yet. Activity appears here as people sign in, chat and change settings.",
    updated: (time: string) => `Updated ${time}; refreshes every 30 seconds while this tab is open.`,
    title_global_soul: "Write the global SOUL",
    title_position_config: "Give a position its own SOUL or model settings",
    title_model: "Connect a real model",
    title_im_bot: "Set up an IM bot",
    title_employees: "Add your employees",
    title_budget: "Set a monthly budget",
    detail_global_soul: (item: ChecklistItem): string => (item.done ? "Every agent starts from it." : "No global SOUL yet: it is the first layer of every agent's SOUL."),
    detail_position_config: (item: ChecklistItem): string =>
      item.done ? `${item.count} position(s) have their own SOUL or model settings.` : "No position has its own SOUL or model settings yet.",
    detail_model: (item: ChecklistItem): string =>
      item.done
        ? `Agents answer with ${item.value}.`
        : item.value === "clawgate-offline"
          ? "The offline model is answering: a deterministic stand-in, not a real model. Set BEDROCK_* or OPENAI_BASE_URL for the agent container, or pick a model for a position."
          : "No turn yet and no real model configured: agents answer with the offline stand-in until the container has BEDROCK_* or OPENAI_BASE_URL set.",
    detail_im_bot: (item: ChecklistItem): string => (item.done ? `Configured: ${item.value}.` : "No IM bot is configured, so nobody can pair Telegram, Slack, Discord or Feishu."),
    detail_employees: (item: ChecklistItem): string => (item.done ? `${item.count} employees.` : "Only the first admin exists. Add your people in Organization."),
    detail_budget: (item: ChecklistItem): string => (item.done ? `${item.count} budget(s) set.` : "No monthly budget: spending is unlimited."),
    count_employees: "Employees",
    count_activeAgents24h: "Agents active (24 h)",
    count_turnsToday: "Turns today (UTC)",
    count_pairedAccounts: "Paired IM accounts",
    count_pendingSkillRequests: "Pending skill requests",
    count_failures24h: "Failures (24 h)",
  },
  zh: {
    what: "仪表盘",
    title: "仪表盘",
    setup: "初始设置清单",
    setupDone: (done: number, total: number) => `已完成 ${done}/${total}`,
    done: "已完成",
    todo: "待完成",
    fixIn: (page: string) => `打开${page}`,
    counts: "当前状态",
    scopeNote: "统计范围为您的部门及其下属部门。",
    activity: "最近动态",
    activityCaption: "最近 10 条审计事件，最新的在前",
    when: "时间",
    event: "事件",
    actor: "操作者",
    employee: "相关员工",
    noActivity: "暂无动态。员工登录、对话或更改设置后会显示在这里。",
    updated: (time: string) => `更新于 ${time}；页面打开时每 30 秒刷新一次。`,
    title_global_soul: "编写全局 SOUL",
    title_position_config: "为某个岗位设置专属 SOUL 或模型配置",
    title_model: "接入真实模型",
    title_im_bot: "配置 IM 机器人",
    title_employees: "添加员工",
    title_budget: "设置月度预算",
    detail_global_soul: (item: ChecklistItem): string => (item.done ? "所有智能体都以它为起点。" : "尚未编写全局 SOUL：它是每个智能体 SOUL 的第一层。"),
    detail_position_config: (item: ChecklistItem): string => (item.done ? `${item.count} 个岗位已有专属 SOUL 或模型配置。` : "还没有岗位设置专属 SOUL 或模型配置。"),
    detail_model: (item: ChecklistItem): string =>
      item.done
        ? `智能体当前使用 ${item.value} 回答。`
        : item.value === "clawgate-offline"
          ? "当前由离线模型回答：这是确定性的替身，不是真实模型。请为智能体容器设置 BEDROCK_* 或 OPENAI_BASE_URL，或为岗位选择模型。"
          : "尚无对话，也未配置真实模型：在容器设置 BEDROCK_* 或 OPENAI_BASE_URL 之前，智能体由离线替身回答。",
    detail_im_bot: (item: ChecklistItem): string => (item.done ? `已配置：${item.value}。` : "尚未配置 IM 机器人，员工无法绑定 Telegram、Slack、Discord 或飞书。"),
    detail_employees: (item: ChecklistItem): string => (item.done ? `共 ${item.count} 名员工。` : "目前只有首位管理员。请在“组织”中添加员工。"),
    detail_budget: (item: ChecklistItem): string => (item.done ? `已设置 ${item.count} 项预算。` : "尚未设置月度预算：花费不受限制。"),
    count_employees: "员工",
    count_activeAgents24h: "活跃智能体（24 小时）",
    count_turnsToday: "今日对话轮次（UTC）",
    count_pairedAccounts: "已绑定 IM 账号",
    count_pendingSkillRequests: "待审批技能申请",
    count_failures24h: "失败（24 小时）",
  },
});

/** The page that fixes each checklist item; shown as a link only if the signed-in role has that page. */
const FIX_PATH: Record<ChecklistItemId, string> = {
  global_soul: "/soul",
  position_config: "/soul",
  model: "/agents",
  im_bot: "/channels",
  employees: "/organization",
  budget: "/cost",
};

const COUNT_ORDER: (keyof DashboardCounts)[] = ["employees", "activeAgents24h", "turnsToday", "pairedAccounts", "pendingSkillRequests", "failures24h"];

/** The admin home: what setup still lacks, live counts in the caller's scope, and the latest audit events. */
export function DashboardPage({ me }: { me: Me }) {
  const t = useStrings(STRINGS);
  const { language } = useLanguage();
  const { data, error, reload } = useLoaded(getDashboard, t.what);
  useRefreshWhileVisible(reload, REFRESH_MS);

  return (
    <main className="page page--wide dashboard" aria-labelledby="dashboard-title" data-testid="dashboard-page">
      <h1 id="dashboard-title" className="page-title">
        {t.title}
        {data ? <span className="dashboard-org"> · {data.organisationName}</span> : null}
      </h1>
      <LoadState error={error} loading={!data && !error} />
      {data?.checklist ? <Checklist items={data.checklist} me={me} /> : null}
      {data ? (
        <>
          <section aria-labelledby="dashboard-counts-title">
            <h2 id="dashboard-counts-title" className="card-title">
              {t.counts}
            </h2>
            {data.checklist === null ? <p className="muted">{t.scopeNote}</p> : null}
            <dl className="stats">
              {COUNT_ORDER.map((key) => (
                <div key={key} className={`stat${key === "failures24h" && data.counts[key] > 0 ? " stat--alert" : ""}`} data-testid={`dashboard-count-${key}`}>
                  <dt>{t[`count_${key}` as const]}</dt>
                  <dd>{data.counts[key]}</dd>
                </div>
              ))}
            </dl>
          </section>
          <Activity data={data} />
          <p className="muted dashboard-updated" role="status">
            {t.updated(formatTime(data.generatedAt, language))}
          </p>
        </>
      ) : null}
    </main>
  );
}

function Checklist({ items, me }: { items: ChecklistItem[]; me: Me }) {
  const t = useStrings(STRINGS);
  const { language } = useLanguage();
  const pages = navItemsFor(me.role);
  const done = items.filter((item) => item.done).length;
  return (
    <section className="card" aria-labelledby="dashboard-setup-title">
      <div className="card-header">
        <h2 id="dashboard-setup-title" className="card-title">
          {t.setup}
        </h2>
        <span className="badge">{t.setupDone(done, items.length)}</span>
      </div>
      <ul className="checklist">
        {items.map((item) => {
          const page = pages.find((nav) => nav.path === FIX_PATH[item.id]);
          return (
            <li key={item.id} className={`checklist-item${item.done ? " checklist-item--done" : ""}`} data-testid="checklist-item" data-item={item.id} data-done={item.done}>
              <span className="checklist-mark" aria-hidden="true">
                {item.done ? "✓" : "○"}
              </span>
              <div className="checklist-body">
                <strong>{t[`title_${item.id}` as const]}</strong> <span className="visually-hidden">({item.done ? t.done : t.todo})</span>
                <p className="checklist-detail">{t[`detail_${item.id}` as const](item)}</p>
              </div>
              {!item.done && page ? (
                <a className="button button--small" href={hrefFor(page.path)}>
                  {t.fixIn(page.label[language])}
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Activity({ data }: { data: Dashboard }) {
  const t = useStrings(STRINGS);
  const { language } = useLanguage();
  return (
    <Card titleId="dashboard-activity-title" title={t.activity}>
      {data.activity.length === 0 ? (
        <EmptyState testId="dashboard-activity-empty">{t.noActivity}</EmptyState>
      ) : (
        <DataTable caption={t.activityCaption} columns={[t.when, t.event, t.actor, t.employee]}>
          {data.activity.map((entry) => (
            <tr key={entry.id} data-testid="activity-row">
              <td>{formatTime(entry.at, language)}</td>
              <th scope="row">
                <code>{entry.type}</code>
              </th>
              <td>{entry.actorName ?? entry.actor}</td>
              <td>{entry.employeeId ? (entry.employeeName ?? entry.employeeId) : "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}

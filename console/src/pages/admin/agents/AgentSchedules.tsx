import { useCallback } from "react";
import type { Schedule } from "@clawgate/contracts";
import { getEmployeeSchedules } from "../../../agentsApi.ts";
import { DataTable } from "../../../components/DataTable.tsx";
import { EmptyState, LoadState } from "../../../components/PageNotices.tsx";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { useFormatTime } from "../../portal/useFormatTime.ts";
import { timingCode, useTimingInWords } from "../../portal/reminders/timingWords.ts";
import { useLoaded } from "../useLoaded.ts";

const STRINGS = defineStrings({
  en: {
    title: "Schedules",
    caption: (name: string) => `${name}'s scheduled tasks`,
    name: "Task",
    when: "When",
    next: "Next run",
    status: "Status",
    statusNames: (status: Schedule["status"]) => ({ active: "active", paused: "paused", finished: "finished" })[status],
    untitled: "Reminder",
    none: "—",
    empty: (name: string) => `${name} has no scheduled tasks. Their agent creates one when they ask it for a reminder in chat or IM.`,
    what: "this employee's schedules",
  },
  zh: {
    title: "定时任务",
    caption: (name: string) => `${name} 的定时任务`,
    name: "任务",
    when: "时间",
    next: "下次运行",
    status: "状态",
    statusNames: (status: Schedule["status"]) => ({ active: "运行中", paused: "已暂停", finished: "已完成" })[status],
    untitled: "提醒",
    none: "—",
    empty: (name: string) => `${name} 没有定时任务。当其在对话或 IM 中让智能体提醒时，智能体会创建任务。`,
    what: "该员工的定时任务",
  },
});

/** One employee's scheduled tasks, read-only: the employee and their agent own them. */
export function AgentSchedules({ employeeId, name }: { employeeId: string; name: string }) {
  const t = useStrings(STRINGS);
  const inWords = useTimingInWords();
  const formatTime = useFormatTime();
  const load = useCallback((signal: AbortSignal) => getEmployeeSchedules(employeeId, signal), [employeeId]);
  const { data, error } = useLoaded(load, t.what);

  return (
    <section className="agent-schedules" aria-labelledby="agent-schedules-title" data-testid="agent-schedules">
      <h3 id="agent-schedules-title" className="card-title">
        {t.title}
      </h3>
      <LoadState error={error} loading={!data && !error} />
      {data && data.length === 0 ? <EmptyState testId="agent-schedules-empty">{t.empty(name)}</EmptyState> : null}
      {data && data.length ? (
        <DataTable caption={t.caption(name)} showCaption columns={[t.name, t.when, t.next, t.status]}>
          {data.map((schedule) => (
            <tr key={schedule.id} data-testid="agent-schedule">
              <th scope="row">{schedule.name || schedule.prompt.slice(0, 60) || t.untitled}</th>
              <td>
                {inWords(schedule.timing)}{timingCode(schedule.timing) ? <> <code className="muted">{timingCode(schedule.timing)}</code></> : null}
              </td>
              <td>{schedule.nextRunAt && schedule.status === "active" ? formatTime(schedule.nextRunAt) : t.none}</td>
              <td>
                <span className={`badge agent-schedule-status--${schedule.status}`}>{t.statusNames(schedule.status)}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}

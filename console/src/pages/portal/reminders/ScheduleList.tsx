import { useEffect, useRef, useState } from "react";
import type { Schedule } from "@clawgate/contracts";
import { Card } from "../../../components/Card.tsx";
import { EmptyState, LoadState, Outcome } from "../../../components/PageNotices.tsx";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { deleteSchedule, getSchedules, setSchedulePaused } from "../../../portalApi.ts";
import { useLoaded } from "../../admin/useLoaded.ts";
import { useRefreshWhileVisible } from "../../admin/useRefreshWhileVisible.ts";
import { useFormatTime } from "../useFormatTime.ts";
import { timingCode, useTimingInWords } from "./timingWords.ts";
import { useUnreadCount } from "./unreadCount.ts";

const STRINGS = defineStrings({
  en: {
    // What could not be loaded, in the sentence useLoaded words.
    what: "your schedules",
    title: "Schedules",
    tip: "Your agent creates schedules when you ask it in chat or IM, for example “Every morning at 7 remind me to check the sales report” or “Remind me in 20 minutes to call Li Wei”.",
    empty: "No schedules yet. Ask your agent for a reminder in chat and it appears here.",
    caption: "Your agent's schedules",
    untitled: "Reminder",
    next: "Next run",
    last: "Last run",
    never: "not yet",
    none: "none",
    status: (status: Schedule["status"]) => ({ active: "Active", paused: "Paused", finished: "Finished" })[status],
    pause: "Pause",
    resume: "Resume",
    delete: "Delete",
    confirmDelete: (name: string) => `Delete “${name}”? Your agent will not run it again.`,
    confirm: "Delete",
    cancel: "Cancel",
    paused: (name: string) => `Paused “${name}”.`,
    resumed: (name: string) => `Resumed “${name}”.`,
    deleted: (name: string) => `Deleted “${name}”.`,
    failed: "That did not work. Try again.",
  },
  zh: {
    what: "你的定时任务",
    title: "定时任务",
    tip: "在对话或 IM 中让你的智能体创建定时任务，例如“每天早上 7 点提醒我查看销售报告”或“20 分钟后提醒我给李伟打电话”。",
    empty: "还没有定时任务。在对话中让智能体提醒你，任务就会出现在这里。",
    caption: "你的智能体的定时任务",
    untitled: "提醒",
    next: "下次运行",
    last: "上次运行",
    never: "尚未运行",
    none: "无",
    status: (status: Schedule["status"]) => ({ active: "运行中", paused: "已暂停", finished: "已完成" })[status],
    pause: "暂停",
    resume: "恢复",
    delete: "删除",
    confirmDelete: (name: string) => `删除“${name}”？智能体将不再运行它。`,
    confirm: "删除",
    cancel: "取消",
    paused: (name: string) => `已暂停“${name}”。`,
    resumed: (name: string) => `已恢复“${name}”。`,
    deleted: (name: string) => `已删除“${name}”。`,
    failed: "操作失败，请重试。",
  },
});

const loadSchedules = (signal: AbortSignal) => getSchedules(signal);

/** The agent creates schedules in chat and IM, away from this page, so the list is fetched again this often while visible. */
const REFRESH_MS = 60_000;

/** Calls `reload` whenever the navigation badge's inbox poll sees the unread count move: a schedule has just run (or been read about). */
function useReloadOnInboxChange(reload: () => void): void {
  const unread = useUnreadCount();
  const last = useRef(unread);
  useEffect(() => {
    const before = last.current;
    last.current = unread;
    if (before !== null && unread !== null && unread !== before) reload();
  }, [unread, reload]);
}

/** The employee's schedules with pause/resume and a confirmed delete. */
export function ScheduleList() {
  const t = useStrings(STRINGS);
  const inWords = useTimingInWords();
  const formatTime = useFormatTime();
  const { data, error, reload } = useLoaded(loadSchedules, t.what);
  useRefreshWhileVisible(reload, REFRESH_MS);
  useReloadOnInboxChange(reload);
  // Local edits over the list they were made on (the server answers each action with the schedule
  // itself); a newer list from the server already holds them, so they apply to their own list only.
  const [edits, setEdits] = useState<{ base: Schedule[] | null; changed: Record<string, Schedule | null> }>({ base: null, changed: {} });
  const changed = edits.base === data ? edits.changed : {};
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const schedules = (data ?? []).map((s) => (s.id in changed ? changed[s.id] : s)).filter((s): s is Schedule => s !== null && s !== undefined);
  const nameOf = (schedule: Schedule) => schedule.name || schedule.prompt.slice(0, 60) || t.untitled;

  const run = async (schedule: Schedule, action: () => Promise<Schedule | null>, done: (name: string) => string) => {
    setBusy(schedule.id);
    setOutcome(null);
    try {
      const result = await action();
      setEdits((all) => ({ base: data, changed: { ...(all.base === data ? all.changed : {}), [schedule.id]: result } }));
      setOutcome({ ok: true, text: done(nameOf(schedule)) });
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  };

  return (
    <Card titleId="schedules-title" title={t.title}>
      <p className="muted reminders-tip">{t.tip}</p>
      <Outcome outcome={outcome} />
      <LoadState error={error} loading={!data && !error} />
      {data && schedules.length === 0 ? <EmptyState testId="schedules-empty">{t.empty}</EmptyState> : null}
      {schedules.length ? (
        <ul className="reminder-list" aria-label={t.caption} data-testid="schedules">
          {schedules.map((schedule) => (
            <li key={schedule.id} className="reminder" data-testid="schedule" data-schedule={schedule.id} data-status={schedule.status}>
              <div className="reminder-head">
                <h3 className="reminder-name">{nameOf(schedule)}</h3>
                <span className={`status-pill status-pill--${schedule.status}`}>{t.status(schedule.status)}</span>
              </div>
              <p className="reminder-when">
                {inWords(schedule.timing)}{timingCode(schedule.timing) ? <> <code className="reminder-code">{timingCode(schedule.timing)}</code></> : null}
              </p>
              {schedule.name && schedule.prompt !== schedule.name ? <p className="muted reminder-prompt">{schedule.prompt}</p> : null}
              <dl className="reminder-times">
                <div>
                  <dt>{t.next}</dt>
                  <dd>{schedule.nextRunAt && schedule.status === "active" ? formatTime(schedule.nextRunAt) : t.none}</dd>
                </div>
                <div>
                  <dt>{t.last}</dt>
                  <dd>{schedule.lastRunAt ? formatTime(schedule.lastRunAt) : t.never}</dd>
                </div>
              </dl>
              {confirming === schedule.id ? (
                <div className="actions" role="group" aria-label={t.confirmDelete(nameOf(schedule))}>
                  <p className="reminder-confirm">{t.confirmDelete(nameOf(schedule))}</p>
                  <button
                    type="button"
                    className="button button--danger"
                    disabled={busy === schedule.id}
                    onClick={() => void run(schedule, () => deleteSchedule(schedule.id).then(() => null), t.deleted)}
                    data-testid="schedule-delete-confirm"
                  >
                    {t.confirm}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(null)} autoFocus>
                    {t.cancel}
                  </button>
                </div>
              ) : (
                <div className="actions">
                  {schedule.status === "active" ? (
                    <button type="button" className="button" disabled={busy === schedule.id} onClick={() => void run(schedule, () => setSchedulePaused(schedule.id, true), t.paused)} data-testid="schedule-pause">
                      {t.pause}
                    </button>
                  ) : null}
                  {schedule.status === "paused" ? (
                    <button type="button" className="button" disabled={busy === schedule.id} onClick={() => void run(schedule, () => setSchedulePaused(schedule.id, false), t.resumed)} data-testid="schedule-resume">
                      {t.resume}
                    </button>
                  ) : null}
                  <button type="button" className="button button--danger" disabled={busy === schedule.id} onClick={() => setConfirming(schedule.id)} data-testid="schedule-delete">
                    {t.delete}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

import { useCallback, useEffect, useState } from "react";
import type { InboxItem } from "@clawgate/contracts";
import { EmptyState, LoadState, Outcome } from "../../../components/PageNotices.tsx";
import { describeError, isAbort } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { getInbox, markInboxRead, type Inbox } from "../../../portalApi.ts";
import { hrefFor } from "../../../router.ts";
import { useFormatTime } from "../useFormatTime.ts";
import { setUnreadCount, useUnreadCount } from "./unreadCount.ts";

const STRINGS = defineStrings({
  en: {
    title: "Inbox",
    intro: "Replies from your schedules that could not go to a paired IM account land here.",
    unread: (n: number) => (n === 0 ? "All read" : `${n} unread`),
    empty: "Nothing here. Replies from your schedules go to your paired IM account, or here when none is paired.",
    caption: "Notifications, unread first",
    newLabel: "Unread",
    failed: (error: string) => `Not delivered to your IM account: ${error}`,
    noChannel: "No IM account was paired, so it was kept here.",
    connect: "Connect IM",
    markRead: "Mark read",
    markAll: "Mark all read",
    loadFailed: "Could not load your inbox. Reload the page to try again.",
    markFailed: "Could not mark it read. Try again.",
  },
  zh: {
    title: "收件箱",
    intro: "未能发送到已配对 IM 账号的定时任务回复会放在这里。",
    unread: (n: number) => (n === 0 ? "全部已读" : `${n} 条未读`),
    empty: "这里还没有内容。定时任务的回复会发送到你已配对的 IM 账号，没有配对时会放在这里。",
    caption: "通知，未读在前",
    newLabel: "未读",
    failed: (error: string) => `未能发送到你的 IM 账号：${error}`,
    noChannel: "没有已配对的 IM 账号，因此保存在这里。",
    connect: "连接 IM",
    markRead: "标为已读",
    markAll: "全部标为已读",
    loadFailed: "无法加载收件箱，请刷新页面重试。",
    markFailed: "未能标为已读，请重试。",
  },
});

/** Unread first, then newest first (the server sends newest first). */
function unreadFirst(items: InboxItem[]): InboxItem[] {
  return [...items].sort((a, b) => Number(a.readAt !== null) - Number(b.readAt !== null) || b.createdAt.localeCompare(a.createdAt));
}

/** The notification inbox: scheduled replies that did not reach an IM account, why, and read state. */
export function InboxList() {
  const t = useStrings(STRINGS);
  const formatTime = useFormatTime();
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = useCallback((next: Inbox) => {
    setInbox(next);
    setUnreadCount(next.unread);
  }, []);

  // The navigation badge polls the unread count; when it moves on its own, a notification came in
  // (or was read in another tab) while this page is open, so the list is fetched again.
  const polledUnread = useUnreadCount();
  const stale = inbox !== null && polledUnread !== null && polledUnread !== inbox.unread;
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    if (stale) setLoads((n) => n + 1);
  }, [stale]);

  useEffect(() => {
    const controller = new AbortController();
    getInbox(controller.signal)
      .then(show)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(describeError(err, t.loadFailed));
      });
    return () => controller.abort();
    // The strings only word a failure; a language switch need not reload.
  }, [show, loads]);

  const markRead = async (item: InboxItem) => {
    if (!inbox) return;
    setBusy(true);
    setOutcome(null);
    try {
      await markInboxRead(item.id);
      const readAt = new Date().toISOString();
      show({ items: inbox.items.map((i) => (i.id === item.id ? { ...i, readAt } : i)), unread: Math.max(0, inbox.unread - 1) });
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.markFailed) });
    } finally {
      setBusy(false);
    }
  };

  const markAll = async () => {
    if (!inbox) return;
    setBusy(true);
    setOutcome(null);
    try {
      // One at a time: the API marks single items, and a burst would only queue in the agent's object.
      for (const item of inbox.items) if (item.readAt === null) await markInboxRead(item.id);
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.markFailed) });
    }
    try {
      // The server's count, since it may hold more unread items than this page lists.
      show(await getInbox());
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.loadFailed) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="inbox-title">
      <div className="card-header">
        <h2 id="inbox-title" className="card-title">
          {t.title} {inbox ? <span className="muted inbox-count" data-testid="inbox-unread">({t.unread(inbox.unread)})</span> : null}
        </h2>
        {inbox && inbox.unread > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => void markAll()} data-testid="inbox-mark-all">
            {t.markAll}
          </button>
        ) : null}
      </div>
      <p className="muted">{t.intro}</p>
      <Outcome outcome={outcome} />
      <LoadState error={error} loading={!inbox && !error} />
      {inbox && inbox.items.length === 0 ? <EmptyState testId="inbox-empty">{t.empty}</EmptyState> : null}
      {inbox && inbox.items.length ? (
        <ul className="reminder-list" aria-label={t.caption} data-testid="inbox">
          {unreadFirst(inbox.items).map((item) => (
            <li key={item.id} className={`reminder${item.readAt ? "" : " reminder--unread"}`} data-testid="inbox-item" data-read={item.readAt ? "true" : "false"}>
              <div className="reminder-head">
                <h3 className="reminder-name">
                  {item.readAt ? null : <span className="status-pill status-pill--unread">{t.newLabel}</span>} {item.title}
                </h3>
                <time className="muted" dateTime={item.createdAt}>
                  {formatTime(item.createdAt)}
                </time>
              </div>
              <p className="inbox-text">{item.text}</p>
              {item.deliveryError ? (
                <p className="notice notice--warn inbox-delivery">{t.failed(item.deliveryError)}</p>
              ) : (
                <p className="muted inbox-delivery">
                  {t.noChannel} <a href={hrefFor("/connect")}>{t.connect}</a>
                </p>
              )}
              {item.readAt ? null : (
                <button type="button" className="button" disabled={busy} onClick={() => void markRead(item)} data-testid="inbox-mark-read">
                  {t.markRead}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

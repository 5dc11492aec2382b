import { useCallback, useEffect, useState } from "react";
import type { TwinConversation, TwinStatus } from "@clawgate/contracts";
import { Card } from "../../../components/Card.tsx";
import { CopyButton } from "../../../components/CopyButton.tsx";
import { EmptyState } from "../../../components/PageNotices.tsx";
import { TextField } from "../../../components/Field.tsx";
import { describeError, isAbort } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { disableTwin, enableTwin, getTwin, getTwinConversations, regenerateTwin } from "../../../portalApi.ts";
import { useFormatTime } from "../useFormatTime.ts";

const STRINGS = defineStrings({
  en: {
    title: "Digital twin",
    intro: "A public link to your agent: anyone with the link can ask it about your work. It never writes your memory and cannot run commands. Switch it off and the link stops working at once.",
    on: "On",
    off: "Off",
    notAllowed: "Your organisation has turned digital twins off. No twin link works and none can be switched on until an admin allows them again.",
    since: (when: string) => ` since ${when}`,
    counts: (views: number, chats: number) => ` · ${views} views · ${chats} chats`,
    linkLabel: "Your twin's link — shown only now, copy it",
    copy: "Copy link",
    regenerate: "New link (the old one stops working)",
    disable: "Switch off",
    enable: "Switch on",
    loading: "Loading…",
    loadFailed: "Could not load your twin.",
    failed: "That did not work. Try again.",
    visitors: "Visitors' conversations",
    refresh: "Refresh",
    noVisitors: "No one has talked to your twin yet. Switch it on and share the link.",
    visitor: (id: string) => `Visitor ${id}`,
    asked: "Asked:",
    answered: "Answered:",
  },
  zh: {
    title: "数字分身",
    intro: "指向你的智能体的公开链接：任何拿到链接的人都可以询问你的工作。它不会写入你的记忆，也不能执行命令。关闭后链接立即失效。",
    on: "已开启",
    off: "已关闭",
    notAllowed: "你的组织已关闭数字分身。在管理员重新允许之前，所有分身链接都无法使用，也无法开启。",
    since: (when: string) => `，开启于 ${when}`,
    counts: (views: number, chats: number) => ` · ${views} 次访问 · ${chats} 次对话`,
    linkLabel: "你的分身链接——仅显示这一次，请复制",
    copy: "复制链接",
    regenerate: "生成新链接（旧链接失效）",
    disable: "关闭",
    enable: "开启",
    loading: "加载中…",
    loadFailed: "无法加载数字分身。",
    failed: "操作失败，请重试。",
    visitors: "访客对话",
    refresh: "刷新",
    noVisitors: "还没有人与你的分身对话。开启它并分享链接。",
    visitor: (id: string) => `访客 ${id}`,
    asked: "提问：",
    answered: "回答：",
  },
});

/** The digital twin switch with its one-time link, and what visitors asked it. */
export function TwinSection() {
  const t = useStrings(STRINGS);
  const formatTime = useFormatTime();
  const [twin, setTwin] = useState<TwinStatus | null>(null);
  // The link exists only in the POST answer (the server keeps its hash), so it lives in this page's state alone.
  const [link, setLink] = useState<string | null>(null);
  const [conversations, setConversations] = useState<TwinConversation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loadFailed = t.loadFailed;

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const [status, talks] = await Promise.all([getTwin(signal), getTwinConversations(signal)]);
        setTwin(status);
        setConversations(talks);
      } catch (err) {
        if (!isAbort(err)) setError(describeError(err, loadFailed));
      }
    },
    [loadFailed],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const act = async (action: () => Promise<TwinStatus & { url?: string }>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      setTwin(result);
      setLink(result.url ?? null);
    } catch (err) {
      setError(describeError(err, t.failed));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card titleId="twin-title" title={t.title}>
        <p className="muted">{t.intro}</p>
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        {twin ? (
          <>
            {twin.allowed ? null : (
              <p className="notice notice--warn" role="status" data-testid="twin-not-allowed">
                {t.notAllowed}
              </p>
            )}
            <p data-testid="twin-status" data-enabled={twin.enabled ? "true" : "false"} data-allowed={twin.allowed ? "true" : "false"}>
              <strong>{twin.enabled && twin.allowed ? t.on : t.off}</strong>
              {twin.enabled && twin.allowed && twin.enabledAt ? t.since(formatTime(twin.enabledAt)) : ""}
              {t.counts(twin.views, twin.chats)}
            </p>
            {link ? (
              <div className="twin-link">
                <TextField id="twin-url" label={t.linkLabel} readOnly value={link} data-testid="twin-url" onFocus={(e) => e.target.select()} />
                <CopyButton text={link} label={t.copy} testId="twin-copy" />
              </div>
            ) : null}
            <div className="actions">
              {twin.enabled ? (
                <>
                  <button type="button" className="button" disabled={busy || !twin.allowed} onClick={() => act(regenerateTwin)} data-testid="twin-regenerate">
                    {t.regenerate}
                  </button>
                  <button type="button" className="button button--danger" disabled={busy} onClick={() => act(disableTwin)} data-testid="twin-disable">
                    {t.disable}
                  </button>
                </>
              ) : (
                <button type="button" className="button button--primary" disabled={busy || !twin.allowed} onClick={() => act(enableTwin)} data-testid="twin-enable">
                  {t.enable}
                </button>
              )}
            </div>
          </>
        ) : error ? null : (
          <p className="muted">{t.loading}</p>
        )}
      </Card>

      <section className="card" aria-labelledby="visitors-title">
        <div className="card-header">
          <h2 id="visitors-title" className="card-title">
            {t.visitors}
          </h2>
          <button type="button" className="button" onClick={() => void load()} data-testid="twin-refresh">
            {t.refresh}
          </button>
        </div>
        {conversations.length === 0 ? <EmptyState>{t.noVisitors}</EmptyState> : null}
        <ul className="conversation-list" data-testid="twin-conversations">
          {conversations.map((conversation) => (
            <li key={conversation.visitor} className="conversation">
              <p className="muted">{t.visitor(conversation.visitor.slice(0, 8))}</p>
              {conversation.exchanges.map((exchange) => (
                <div key={exchange.turnId} className="exchange">
                  <p>
                    <strong>{t.asked}</strong> {exchange.message}
                  </p>
                  <p>
                    <strong>{t.answered}</strong> {exchange.reply ?? `(${exchange.status})`}
                  </p>
                </div>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { AssistantProviderName, AssistantToolCall } from "@clawgate/contracts";
import { describeError } from "../errors.ts";
import { defineStrings, useStrings } from "../i18n/strings.ts";
import { askAssistant, clearAssistantHistory, getAssistantHistory } from "../opsApi.ts";
import { Outcome } from "./PageNotices.tsx";
import "./AssistantChat.css";

const STRINGS = defineStrings({
  en: {
    open: "IT assistant",
    title: "IT admin assistant",
    intro: "Ask about employees, SOUL layers, usage, service health or audit events. It acts through the API as you, so it can do no more than you can; every tool it runs is audited.",
    examples: "Try: “list the employees in Finance” or “how is the service doing?”",
    close: "Close the assistant",
    clear: "Clear history",
    clearFailed: "Could not clear the history.",
    historyFailed: "Could not load the earlier conversation.",
    label: "Message to the assistant",
    send: "Send",
    thinking: "Working…",
    failed: "The assistant could not answer.",
    you: "You",
    assistant: "Assistant",
    toolsRan: "Tools run:",
    toolOk: (tool: string) => `${tool} succeeded`,
    toolFailed: (tool: string) => `${tool} failed`,
    provider_offline: "offline stand-in (no model configured)",
    provider_bedrock: "Amazon Bedrock",
    provider_openai: "OpenAI-compatible model",
  },
  zh: {
    open: "IT 助手",
    title: "IT 管理助手",
    intro: "可以询问员工、SOUL 层、用量、服务健康状况或审计事件。它以您的身份通过 API 操作，权限不会超过您本人；它运行的每个工具都会被审计。",
    examples: "试试：“列出财务部的员工”或“服务运行情况如何？”",
    close: "关闭助手",
    clear: "清除历史",
    clearFailed: "无法清除历史记录。",
    historyFailed: "无法加载之前的对话。",
    label: "发给助手的消息",
    send: "发送",
    thinking: "处理中…",
    failed: "助手无法回答。",
    you: "您",
    assistant: "助手",
    toolsRan: "运行的工具：",
    toolOk: (tool: string) => `${tool} 成功`,
    toolFailed: (tool: string) => `${tool} 失败`,
    provider_offline: "离线替身（未配置模型）",
    provider_bedrock: "Amazon Bedrock",
    provider_openai: "OpenAI 兼容模型",
  },
});

interface Entry {
  key: string;
  role: "user" | "assistant";
  text: string;
  toolCalls: AssistantToolCall[];
}

const FOCUSABLE = 'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The IT admin assistant as a floating chat on the admin pages (admins only; the server refuses
 * everyone else). A modal dialog: focus moves in and stays in until Esc or Close, then returns to
 * the button that opened it.
 */
export function AssistantChat() {
  const t = useStrings(STRINGS);
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [provider, setProvider] = useState<AssistantProviderName | null>(null);
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLOListElement>(null);

  // The earlier conversation is loaded the first time the dialog opens.
  useEffect(() => {
    if (!open || entries !== null) return;
    const controller = new AbortController();
    getAssistantHistory(controller.signal)
      .then((history) => setEntries(history.map((e) => ({ key: e.id, role: e.role, text: e.text, toolCalls: e.toolCalls }))))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setEntries([]);
        setOutcome({ ok: false, text: describeError(err, t.historyFailed) });
      });
    return () => controller.abort();
  }, [open, entries, t.historyFailed]);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  useEffect(() => {
    const list = log.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [entries, busy]);

  const close = () => {
    setOpen(false);
    launcher.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== "Tab" || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const message = draft.trim();
    if (!message || busy) return;
    setBusy(true);
    setOutcome(null);
    setDraft("");
    const stamp = `${Date.now()}`;
    setEntries((list) => [...(list ?? []), { key: `u-${stamp}`, role: "user", text: message, toolCalls: [] }]);
    try {
      const answer = await askAssistant(message);
      setProvider(answer.provider);
      setEntries((list) => [...(list ?? []), { key: `a-${stamp}`, role: "assistant", text: answer.reply, toolCalls: answer.toolCalls }]);
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const clear = async () => {
    setOutcome(null);
    try {
      await clearAssistantHistory();
      setEntries([]);
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.clearFailed) });
    }
  };

  return (
    <>
      <button
        ref={launcher}
        type="button"
        className="button button--primary assistant-launcher"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        data-testid="assistant-open"
      >
        {t.open}
      </button>
      {open ? (
        <div className="assistant-backdrop" onClick={close}>
          <div
            ref={dialog}
            className="assistant-dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="assistant-title"
            aria-describedby="assistant-intro"
            onKeyDown={onKeyDown}
            onClick={(event) => event.stopPropagation()}
            data-testid="assistant-dialog"
          >
            <div className="assistant-header">
              <h2 id="assistant-title" className="card-title">
                {t.title}
              </h2>
              <button type="button" className="button button--small" onClick={() => void clear()} disabled={busy || !entries?.length}>
                {t.clear}
              </button>
              <button type="button" className="button button--small" onClick={close} aria-label={t.close}>
                ×
              </button>
            </div>
            <p id="assistant-intro" className="muted assistant-intro">
              {t.intro} {provider ? <span className="badge" data-testid="assistant-provider">{t[`provider_${provider}`]}</span> : null}
            </p>
            <ol ref={log} className="assistant-log" aria-live="polite" aria-label={t.title} data-testid="assistant-log">
              {entries?.length === 0 && !busy ? <li className="muted">{t.examples}</li> : null}
              {entries?.map((entry) => (
                <li key={entry.key} className={`assistant-entry assistant-entry--${entry.role}`} data-testid={`assistant-${entry.role}`}>
                  <span className="visually-hidden">{entry.role === "user" ? t.you : t.assistant}: </span>
                  <p className="assistant-text">{entry.text}</p>
                  {entry.toolCalls.length > 0 ? <ToolCalls calls={entry.toolCalls} /> : null}
                </li>
              ))}
              {busy ? (
                <li className="muted" role="status">
                  {t.thinking}
                </li>
              ) : null}
            </ol>
            <Outcome outcome={outcome} />
            <form className="assistant-form" onSubmit={(event) => void send(event)}>
              <label className="visually-hidden" htmlFor="assistant-input">
                {t.label}
              </label>
              <textarea
                ref={input}
                id="assistant-input"
                className="field-input assistant-input"
                rows={2}
                maxLength={4000}
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={(event) => {
                  // Enter sends, Shift+Enter starts a new line, as in the portal chat.
                  if (event.key === "Enter" && !event.shiftKey) void send(event);
                }}
                data-testid="assistant-input"
              />
              <button type="submit" className="button button--primary" disabled={busy || !draft.trim()} data-testid="assistant-send">
                {t.send}
              </button>
            </form>
          </div>
        </div>
      ) : null}
    </>
  );
}

function ToolCalls({ calls }: { calls: AssistantToolCall[] }) {
  const t = useStrings(STRINGS);
  return (
    <div className="tool-chips">
      <span className="visually-hidden">{t.toolsRan}</span>
      {calls.map((call, i) => (
        <span
          key={`${call.tool}-${i}`}
          className={`tool-chip ${call.ok ? "tool-chip--ran" : "tool-chip--blocked"}`}
          data-testid="assistant-tool-chip"
          data-ok={call.ok ? "true" : "false"}
          title={call.error}
        >
          {call.ok ? t.toolOk(call.tool) : t.toolFailed(call.tool)}
          {call.error ? <span className="assistant-tool-error">: {call.error}</span> : null}
        </span>
      ))}
    </div>
  );
}

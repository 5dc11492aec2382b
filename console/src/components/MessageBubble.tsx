import { useEffect, useState } from "react";
import type { ChatMessage } from "../chatState.ts";
import { defineStrings, useStrings } from "../i18n/strings.ts";
import { ToolChip } from "./ToolChip.tsx";

const STRINGS = defineStrings({
  en: {
    replying: "Agent is replying",
    waking: "Waking your agent… the first reply after a pause takes a little longer.",
    inProgress: "Reply still in progress — reload to see it.",
    failed: "This turn failed.",
    tokens: (total: number, model: string) => `${total} tokens · ${model}`,
    tokenDetail: (input: number, output: number) => `${input} input + ${output} output tokens`,
  },
  zh: {
    replying: "智能体正在回复",
    waking: "正在唤醒你的智能体… 闲置一段时间后的第一条回复会稍慢一些。",
    inProgress: "回复仍在生成中——刷新页面即可查看。",
    failed: "本轮对话失败。",
    tokens: (total: number, model: string) => `${total} 个 token · ${model}`,
    tokenDetail: (input: number, output: number) => `输入 ${input} + 输出 ${output} 个 token`,
  },
});

/** True once `active` has lasted `afterMs`; false again as soon as it stops. */
function useLasted(active: boolean, afterMs: number): boolean {
  const [lasted, setLasted] = useState(false);
  useEffect(() => {
    setLasted(false);
    if (!active) return;
    const timer = setTimeout(() => setLasted(true), afterMs);
    return () => clearTimeout(timer);
  }, [active, afterMs]);
  return active && lasted;
}

interface MessageBubbleProps {
  message: ChatMessage;
  /** How long a reply may stay silent before the bubble says the agent is waking up (a cold start). */
  wakingAfterMs: number;
}

export function MessageBubble({ message, wakingAfterMs }: MessageBubbleProps) {
  const t = useStrings(STRINGS);
  const silent = message.kind === "agent" && message.state === "streaming" && !message.text;
  const waking = useLasted(silent, wakingAfterMs);

  if (message.kind === "user") {
    return (
      <div className="message message--user">
        <div className="bubble bubble--user" data-testid="chat-message-user">
          {message.text}
        </div>
      </div>
    );
  }

  const { usage } = message;
  return (
    <div className="message message--agent">
      <div
        className={`bubble bubble--agent bubble--${message.state}`}
        data-testid="chat-message-agent"
        data-state={message.state}
        aria-busy={message.state === "streaming"}
      >
        {message.text ? <div className="bubble-text">{message.text}</div> : null}
        {silent ? (
          <div className="typing" role="status" aria-label={t.replying}>
            <span />
            <span />
            <span />
          </div>
        ) : null}
        {waking ? (
          <div className="bubble-note" data-testid="chat-waking">
            {t.waking}
          </div>
        ) : null}
        {message.inProgress ? <div className="bubble-note">{t.inProgress}</div> : null}
        {message.state === "error" ? (
          <div className="bubble-error" role="alert">
            {message.error ?? t.failed}
          </div>
        ) : null}
      </div>
      {message.tools.length > 0 ? (
        <div className="tool-chips">
          {message.tools.map((event, i) => (
            <ToolChip key={i} event={event} />
          ))}
        </div>
      ) : null}
      {message.notices.map((notice, i) => (
        <div key={i} className={`turn-notice turn-notice--${notice.kind}`} data-testid="turn-notice" role="note">
          {notice.message}
        </div>
      ))}
      {usage ? (
        <div className="usage" title={t.tokenDetail(usage.inputTokens, usage.outputTokens)}>
          {t.tokens(usage.inputTokens + usage.outputTokens, usage.model)}
        </div>
      ) : null}
    </div>
  );
}

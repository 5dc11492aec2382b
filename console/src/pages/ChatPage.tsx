import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { ApiError, getTranscript, streamChat } from "../api.ts";
import { chatReducer } from "../chatState.ts";
import { Composer } from "../components/Composer.tsx";
import { MessageBubble } from "../components/MessageBubble.tsx";
import { EmptyState, LoadState } from "../components/PageNotices.tsx";
import { describeError, isAbort } from "../errors.ts";
import { defineStrings, useStrings } from "../i18n/strings.ts";

const STRINGS = defineStrings({
  en: {
    empty: "Say hello to your agent — it knows your role and your company's policies.",
    historyFailed: "Could not load the conversation history.",
    streamEnded: "The reply stream ended unexpectedly.",
    replyFailed: "The agent failed to reply.",
  },
  zh: {
    empty: "向你的智能体打个招呼吧——它了解你的岗位和公司的制度。",
    historyFailed: "无法加载对话历史。",
    streamEnded: "回复流意外中断。",
    replyFailed: "智能体未能回复。",
  },
});

// A reply silent for this long is most likely a cold start: the bubble then says the agent is waking.
const WAKING_AFTER_MS = 3_000;

interface ChatPageProps {
  /** Called after sign-out, or when the session turns out to be gone. */
  onSignedOut: () => void;
  /** Where turns go: the portal's own chat, or an admin playground's chat with someone else's agent. */
  chatPath?: string;
  /** The playground has no transcript to load: its session is the operator's, not the employee's. */
  loadHistory?: boolean;
  /** What an empty conversation says, in the UI language. */
  emptyText?: string;
  wakingAfterMs?: number;
}

export function ChatPage({ onSignedOut, chatPath = "/api/portal/chat", loadHistory = true, emptyText, wakingAfterMs = WAKING_AFTER_MS }: ChatPageProps) {
  const t = useStrings(STRINGS);
  const [messages, dispatch] = useReducer(chatReducer, []);
  const [streaming, setStreaming] = useState(false);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const turnAbort = useRef<AbortController | null>(null);
  // The fallbacks are read when a turn fails, in the language of that moment.
  const strings = useRef(t);
  strings.current = t;

  // Load the transcript (oldest first) when the page opens.
  useEffect(() => {
    if (!loadHistory) return;
    const controller = new AbortController();
    getTranscript(controller.signal)
      .then((entries) => dispatch({ type: "history", entries }))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        if (err instanceof ApiError && err.status === 401) onSignedOut();
        else setHistoryError(describeError(err, strings.current.historyFailed));
      });
    return () => controller.abort();
  }, [onSignedOut, loadHistory]);

  // Abort an in-flight turn when leaving the page.
  useEffect(() => () => turnAbort.current?.abort(), []);

  // Keep the newest message in view.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages]);

  const send = useCallback(
    async (text: string) => {
      const turn = crypto.randomUUID();
      const controller = new AbortController();
      turnAbort.current = controller;
      setStreaming(true);
      dispatch({ type: "sent", turn, text });
      let settled = false;
      try {
        for await (const event of streamChat(text, turn, controller.signal, chatPath)) {
          switch (event.type) {
            case "delta":
              dispatch({ type: "delta", turn, text: event.text });
              break;
            case "tool":
              dispatch({ type: "tool", turn, event: event.event });
              break;
            case "result":
              settled = true;
              dispatch({ type: "result", turn, result: event.result });
              break;
            case "error":
              settled = true;
              dispatch({ type: "failed", turn, message: event.message || strings.current.replyFailed });
              break;
          }
        }
        if (!settled) dispatch({ type: "failed", turn, message: strings.current.streamEnded });
      } catch (err) {
        if (!isAbort(err)) dispatch({ type: "failed", turn, message: describeError(err, strings.current.replyFailed) });
      } finally {
        if (turnAbort.current === controller) turnAbort.current = null;
        setStreaming(false);
      }
    },
    [chatPath],
  );

  return (
    <div className="chat">
      <div className="message-list" ref={listRef} aria-live="polite" data-testid="chat-messages">
        <LoadState error={historyError} loading={false} />
        {messages.length === 0 && !historyError ? <EmptyState testId="chat-empty">{emptyText ?? t.empty}</EmptyState> : null}
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} wakingAfterMs={wakingAfterMs} />
        ))}
      </div>

      <Composer disabled={streaming} onSend={send} />
    </div>
  );
}

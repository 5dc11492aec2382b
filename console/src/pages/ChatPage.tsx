import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { ApiError, getTranscript, streamChat } from "../api.ts";
import { chatReducer } from "../chatState.ts";
import { Composer } from "../components/Composer.tsx";
import { MessageBubble } from "../components/MessageBubble.tsx";

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

function describe(err: unknown, fallback: string): string {
  return err instanceof Error && err.message ? err.message : fallback;
}

interface ChatPageProps {
  /** Called after sign-out, or when the session turns out to be gone. */
  onSignedOut: () => void;
  /** Where turns go: the portal's own chat, or an admin playground's chat with someone else's agent. */
  chatPath?: string;
  /** The playground has no transcript to load: its session is the operator's, not the employee's. */
  loadHistory?: boolean;
  /** What an empty conversation says. */
  emptyText?: string;
}

export function ChatPage({
  onSignedOut,
  chatPath = "/api/portal/chat",
  loadHistory = true,
  emptyText = "Say hello to your agent — it knows your role and your company's policies.",
}: ChatPageProps) {
  const [messages, dispatch] = useReducer(chatReducer, []);
  const [streaming, setStreaming] = useState(false);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const turnAbort = useRef<AbortController | null>(null);

  // Load the transcript (oldest first) when the page opens.
  useEffect(() => {
    if (!loadHistory) return;
    const controller = new AbortController();
    getTranscript(controller.signal)
      .then((entries) => dispatch({ type: "history", entries }))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        if (err instanceof ApiError && err.status === 401) onSignedOut();
        else setHistoryError(describe(err, "Could not load the conversation history."));
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

  const send = useCallback(async (text: string) => {
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
            dispatch({ type: "failed", turn, message: event.message });
            break;
        }
      }
      if (!settled) dispatch({ type: "failed", turn, message: "The reply stream ended unexpectedly." });
    } catch (err) {
      if (!isAbort(err)) dispatch({ type: "failed", turn, message: describe(err, "The agent failed to reply.") });
    } finally {
      if (turnAbort.current === controller) turnAbort.current = null;
      setStreaming(false);
    }
  }, [chatPath]);

  return (
    <div className="chat">
      <div className="message-list" ref={listRef} aria-live="polite">
        {historyError ? (
          <p className="notice notice--error" role="alert">
            {historyError}
          </p>
        ) : null}
        {messages.length === 0 && !historyError ? (
          <p className="notice">{emptyText}</p>
        ) : null}
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} />
        ))}
      </div>

      <Composer disabled={streaming} onSend={send} />
    </div>
  );
}

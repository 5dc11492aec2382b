import type { ChatMessage } from "../chatState.ts";
import { ToolChip } from "./ToolChip.tsx";

export function MessageBubble({ message }: { message: ChatMessage }) {
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
        {message.state === "streaming" && !message.text ? (
          <div className="typing" aria-label="Agent is replying">
            <span />
            <span />
            <span />
          </div>
        ) : null}
        {message.note ? <div className="bubble-note">{message.note}</div> : null}
        {message.state === "error" && message.error ? (
          <div className="bubble-error" role="alert">
            {message.error}
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
        <div
          className="usage"
          title={`${usage.inputTokens} input + ${usage.outputTokens} output tokens`}
        >
          {usage.inputTokens + usage.outputTokens} tokens · {usage.model}
        </div>
      ) : null}
    </div>
  );
}

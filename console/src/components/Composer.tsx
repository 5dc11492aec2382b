import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { defineStrings, useStrings } from "../i18n/strings.ts";

const STRINGS = defineStrings({
  en: { label: "Message your agent", placeholder: "Message your agent…", keys: "Enter sends, Shift+Enter starts a new line", send: "Send" },
  zh: { label: "给你的智能体发消息", placeholder: "给你的智能体发消息…", keys: "Enter 发送，Shift+Enter 换行", send: "发送" },
});

/** Textarea + Send. Enter sends, Shift+Enter inserts a newline; disabled while a turn streams. */
export function Composer({ disabled, onSend }: { disabled: boolean; onSend: (text: string) => void }) {
  const t = useStrings(STRINGS);
  const [text, setText] = useState("");
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // Give focus back once the turn has finished.
  useEffect(() => {
    if (!disabled) inputRef.current?.focus();
  }, [disabled]);

  const send = () => {
    const message = text.trim();
    if (disabled || !message) return;
    onSend(message);
    setText("");
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <textarea
        ref={inputRef}
        className="composer-input"
        data-testid="chat-input"
        aria-label={t.label}
        placeholder={t.placeholder}
        // The key hint as a tooltip: as part of the placeholder it did not fit a phone's composer.
        title={t.keys}
        rows={2}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button button--primary" data-testid="chat-send" disabled={disabled}>
        {t.send}
      </button>
    </form>
  );
}

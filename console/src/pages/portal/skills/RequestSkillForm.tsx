import { useId, useState } from "react";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { requestSkill } from "../../../portalApi.ts";

const STRINGS = defineStrings({
  en: {
    reason: (skill: string) => `Why do you need ${skill}?`,
    hint: "Your manager or an admin reads this when deciding.",
    send: "Send request",
    cancel: "Cancel",
    failed: "Could not send the request.",
  },
  zh: {
    reason: (skill: string) => `为什么需要 ${skill}？`,
    hint: "你的经理或管理员会据此做决定。",
    send: "提交申请",
    cancel: "取消",
    failed: "未能提交申请。",
  },
});

interface RequestSkillFormProps {
  skill: string;
  onSent: () => void;
  onCancel: () => void;
}

/** Asks for one catalog skill with a reason; the server's refusal (already requested, not allowed) is shown as it is. */
export function RequestSkillForm({ skill, onSent, onCancel }: RequestSkillFormProps) {
  const t = useStrings(STRINGS);
  const id = useId();
  const [reason, setReason] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      await requestSkill(skill, reason.trim());
      onSent();
    } catch (err) {
      setError(describeError(err, t.failed));
      setSending(false);
    }
  };

  return (
    <form
      className="skill-request-form"
      data-testid="skill-request-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label className="field-label" htmlFor={id}>
        {t.reason(skill)}
      </label>
      <textarea id={id} className="field-input" rows={2} maxLength={500} required value={reason} onChange={(event) => setReason(event.target.value)} aria-describedby={`${id}-hint`} autoFocus data-testid="skill-request-reason" />
      <span id={`${id}-hint`} className="field-hint">
        {t.hint}
      </span>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions skill-request-actions">
        <button type="submit" className="button button--primary" disabled={sending || !reason.trim()} data-testid="skill-request-send">
          {t.send}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={sending}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

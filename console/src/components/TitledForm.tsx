import type { FormEvent, ReactNode } from "react";
import { defineStrings, useStrings } from "../i18n/strings.ts";
import { Outcome } from "./PageNotices.tsx";
import "./TitledForm.css";

const STRINGS = defineStrings({
  en: { cancel: "Cancel" },
  zh: { cancel: "取消" },
});

interface Props {
  /** Prefix of the heading's id (`${id}-title`, which names the form) and the form's test id (`${id}-form`). */
  id: string;
  title: ReactNode;
  outcome: { ok: boolean; text: string } | null;
  submitLabel: string;
  onSubmit: (event: FormEvent) => void;
  /** Offers a Cancel button beside the submit button. */
  onCancel?: (() => void) | undefined;
  /** The fields. */
  children: ReactNode;
}

/** An admin form named by its heading, with the outcome of the last submit above its buttons. */
export function TitledForm({ id, title, outcome, submitLabel, onSubmit, onCancel, children }: Props) {
  const t = useStrings(STRINGS);
  return (
    <form className="titled-form" onSubmit={onSubmit} aria-labelledby={`${id}-title`} data-testid={`${id}-form`}>
      <h3 id={`${id}-title`} className="card-title">
        {title}
      </h3>
      {children}
      <Outcome outcome={outcome} />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}

import type { ReactNode } from "react";
import { defineStrings, useStrings } from "../i18n/strings.ts";

const STRINGS = defineStrings({
  en: { loading: "Loading…" },
  zh: { loading: "加载中…" },
});

/** An action's outcome: a polite status when it worked, an alert when it did not. */
export function Outcome({ outcome }: { outcome: { ok: boolean; text: string } | null }) {
  if (!outcome) return null;
  return (
    <p className={`notice ${outcome.ok ? "notice--ok" : "notice--error"}`} role={outcome.ok ? "status" : "alert"}>
      {outcome.text}
    </p>
  );
}

/** A page's load state: the error that stopped it, or "Loading…" until the data is there. */
export function LoadState({ error, loading }: { error: string | null; loading: boolean }) {
  const t = useStrings(STRINGS);
  if (error) {
    return (
      <p className="notice notice--error" role="alert">
        {error}
      </p>
    );
  }
  return loading ? (
    <p className="muted" role="status">
      {t.loading}
    </p>
  ) : null;
}

/** What an empty list means and what to do about it. */
export function EmptyState({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="empty-state" data-testid={testId}>
      {children}
    </p>
  );
}

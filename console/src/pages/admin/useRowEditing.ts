import { useState } from "react";

type ActionOutcome = { ok: boolean; text: string } | null;

/**
 * A table section's editing state: which row's form is open and what the last action did. `done`
 * closes the form, says what happened and asks the page to reload, so the table shows the change.
 */
export function useRowEditing(onChanged: () => void) {
  const [editing, setEditing] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome>(null);
  const done = (text: string) => {
    setEditing(null);
    setOutcome({ ok: true, text });
    onChanged();
  };
  return { editing, setEditing, outcome, setOutcome, done };
}

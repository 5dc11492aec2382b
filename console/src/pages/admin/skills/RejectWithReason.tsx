import { useState } from "react";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";

const STRINGS = defineStrings({
  en: { reject: "Reject", rejectOpen: "Reject…", reasonFor: (what: string) => `Reason for ${what}`, cancel: "Cancel" },
  zh: { reject: "拒绝", rejectOpen: "拒绝…", reasonFor: (what: string) => `拒绝 ${what} 的理由`, cancel: "取消" },
});

/** A reject button that first asks for the reason the requester will see. */
export function RejectWithReason({ label, onReject }: { label: string; onReject: (reason: string) => Promise<void> }) {
  const t = useStrings(STRINGS);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) {
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        {t.rejectOpen}
      </button>
    );
  }
  return (
    <form
      className="toolbar"
      onSubmit={(event) => {
        event.preventDefault();
        void onReject(reason).then(() => setOpen(false));
      }}
    >
      <label className="field">
        <span className="field-label">{t.reasonFor(label)}</span>
        <input className="field-input" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus />
      </label>
      <button type="submit" className="button button--small button--danger">
        {t.reject}
      </button>
      <button type="button" className="button button--small" onClick={() => setOpen(false)}>
        {t.cancel}
      </button>
    </form>
  );
}

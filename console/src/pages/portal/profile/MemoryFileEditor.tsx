import { useId, useState } from "react";
import { Outcome } from "../../../components/PageNotices.tsx";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { MAX_MEMORY_FILE_BYTES, type EditableMemoryFile } from "@clawgate/contracts";
import { saveMemoryFile, type Memory } from "../../../portalApi.ts";
import { useUnsavedChangesGuard } from "./useUnsavedChangesGuard.ts";

const STRINGS = defineStrings({
  en: {
    save: "Save",
    revert: "Discard changes",
    unsaved: "Unsaved changes",
    size: (bytes: number) => `${bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`} of 64 KiB`,
    tooLarge: "Too long: a memory file holds at most 64 KiB.",
    saved: (name: string) => `Saved ${name}. Your agent reads it from its next turn.`,
    failed: (name: string) => `Could not save ${name}.`,
    leave: "You have unsaved changes. Leave this page and lose them?",
  },
  zh: {
    save: "保存",
    revert: "放弃修改",
    unsaved: "有未保存的修改",
    size: (bytes: number) => `${bytes < 1024 ? `${bytes} 字节` : `${(bytes / 1024).toFixed(1)} KiB`} / 64 KiB`,
    tooLarge: "内容过长：一个记忆文件最多 64 KiB。",
    saved: (name: string) => `已保存 ${name}。智能体从下一轮对话开始读取。`,
    failed: (name: string) => `未能保存 ${name}。`,
    leave: "有未保存的修改。离开此页面并放弃修改？",
  },
});

interface MemoryFileEditorProps {
  name: EditableMemoryFile;
  label: string;
  hint: string;
  /** The file as the server last sent it ("" when it does not exist yet). */
  savedText: string;
  placeholder?: string;
  onSaved: (memory: Memory) => void;
}

/** Edits one of the memory files the employee owns, saved whole with PUT; the server's refusal is shown as it is. */
export function MemoryFileEditor({ name, label, hint, savedText, placeholder, onSaved }: MemoryFileEditorProps) {
  const t = useStrings(STRINGS);
  const id = useId();
  // null while unedited, so a fresh load from the server shows through.
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const text = draft ?? savedText;
  const dirty = draft !== null && draft !== savedText;
  const bytes = new TextEncoder().encode(text).length;
  useUnsavedChangesGuard(dirty, t.leave);

  const save = async () => {
    setSaving(true);
    setOutcome(null);
    try {
      onSaved(await saveMemoryFile(name, text));
      setDraft(null);
      setOutcome({ ok: true, text: t.saved(name) });
    } catch (err) {
      setOutcome({ ok: false, text: `${t.failed(name)} ${describeError(err, "")}`.trim() });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="memory-editor"
      data-testid={`memory-editor-${name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label className="field" htmlFor={id}>
        <span className="field-label">{label}</span>
      </label>
      <textarea
        id={id}
        className="field-input memory-text"
        value={text}
        rows={10}
        placeholder={placeholder}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setDraft(event.target.value);
          setOutcome(null);
        }}
      />
      <span id={`${id}-hint`} className="field-hint">
        {hint} · <span className={bytes > MAX_MEMORY_FILE_BYTES ? "text-warn" : undefined}>{t.size(bytes)}</span>
      </span>
      {bytes > MAX_MEMORY_FILE_BYTES ? (
        <p className="notice notice--error" role="alert">
          {t.tooLarge}
        </p>
      ) : null}
      <Outcome outcome={outcome} />
      <div className="actions memory-actions">
        <button type="submit" className="button button--primary" disabled={!dirty || saving || bytes > MAX_MEMORY_FILE_BYTES} data-testid={`memory-save-${name}`}>
          {t.save}
        </button>
        {dirty ? (
          <>
            <button type="button" className="button" onClick={() => setDraft(null)} disabled={saving}>
              {t.revert}
            </button>
            <span className="memory-unsaved" role="status">
              {t.unsaved}
            </span>
          </>
        ) : null}
      </div>
    </form>
  );
}

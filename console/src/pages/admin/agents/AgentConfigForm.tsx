import { useState, type FormEvent } from "react";
import type { Model, UpdateAgentConfig } from "@clawgate/contracts";
import type { PositionAgentConfig } from "../../../agentsApi.ts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { Outcome } from "../../../components/PageNotices.tsx";
import { fieldIssues } from "./fieldIssues.ts";

type Overrides = PositionAgentConfig["overrides"];
const FIELDS = ["model", "maxTokens", "contextWindow", "compaction", "language"] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

const STRINGS = defineStrings({
  en: {
    model: "Model",
    maxTokens: "Max output tokens",
    contextWindow: "Context window (tokens)",
    compaction: "Compaction",
    language: "Response language",
    inherit: "Inherit",
    inheritHint: "Empty: not set here, inherited.",
    compactionDefault: "default",
    compactionSafeguard: "safeguard",
    wholeNumber: "Enter a whole number, or leave it empty to inherit.",
    save: "Save",
    saving: "Saving…",
    noChange: "Nothing changed.",
    saved: "Saved. The agents use it from their next turn.",
    failed: "Could not save the settings.",
  },
  zh: {
    model: "模型",
    maxTokens: "最大输出 token 数",
    contextWindow: "上下文窗口（token）",
    compaction: "压缩策略",
    language: "回复语言",
    inherit: "继承",
    inheritHint: "留空：此处不设置，沿用上级。",
    compactionDefault: "默认",
    compactionSafeguard: "保护（safeguard）",
    wholeNumber: "请输入整数，或留空以继承。",
    save: "保存",
    saving: "保存中…",
    noChange: "没有任何更改。",
    saved: "已保存。智能体将在下一轮对话时使用。",
    failed: "无法保存设置。",
  },
});

const toDraft = (o: Overrides): Draft => ({
  model: o.model ?? "",
  maxTokens: o.maxTokens?.toString() ?? "",
  contextWindow: o.contextWindow?.toString() ?? "",
  compaction: o.compaction ?? "",
  language: o.language ?? "",
});

/** Only what the form changed: a value sets the override, an emptied field clears it (null). */
function changeOf(draft: Draft, current: Draft): { change: UpdateAgentConfig; invalid: Field[] } {
  const change: Record<string, string | number | null> = {};
  const invalid: Field[] = [];
  for (const field of FIELDS) {
    const value = draft[field].trim();
    if (value === current[field]) continue;
    if (value === "") {
      change[field] = null;
    } else if (field === "maxTokens" || field === "contextWindow") {
      const n = Number(value);
      if (Number.isInteger(n)) change[field] = n;
      else invalid.push(field);
    } else {
      change[field] = value;
    }
  }
  return { change: change as UpdateAgentConfig, invalid };
}

interface Props {
  /** Distinguishes the position and employee forms' element ids on one page. */
  idPrefix: string;
  title: string;
  /** Shown under the title: whom the change reaches. */
  note?: string;
  overrides: Overrides;
  models: Model[];
  /** Why the caller may not change this level (the server said so), shown with the values read-only; null when they may. */
  lockedReason: string | null;
  onSave: (change: UpdateAgentConfig) => Promise<unknown>;
}

/** One level's model settings (position or employee): set a value or empty it to inherit; server validation shown per field. */
export function AgentConfigForm({ idPrefix, title, note, overrides, models, lockedReason, onSave }: Props) {
  const t = useStrings(STRINGS);
  const current = toDraft(overrides);
  const [draft, setDraft] = useState<Draft>(current);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const { change, invalid } = changeOf(draft, current);
    if (invalid.length) {
      setErrors(Object.fromEntries(invalid.map((field) => [field, t.wholeNumber])));
      return;
    }
    if (Object.keys(change).length === 0) {
      setErrors({});
      setOutcome({ ok: true, text: t.noChange });
      return;
    }
    setBusy(true);
    try {
      await onSave(change);
      setErrors({});
      setOutcome({ ok: true, text: t.saved });
    } catch (err) {
      const byField = fieldIssues(err);
      setErrors(byField);
      // A message no field claims (403, 404, a body-level issue) goes above the button.
      const unclaimed = Object.keys(byField).every((field) => !(FIELDS as readonly string[]).includes(field));
      setOutcome(unclaimed ? { ok: false, text: describeError(err, t.failed) } : null);
    } finally {
      setBusy(false);
    }
  };

  const set = (field: Field) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value }));
  // Every field is described by the form's one hint (inherit / locked) until the server refuses it.
  const fieldProps = (field: Field) => ({
    id: `${idPrefix}-${field}`,
    error: errors[field],
    describedBy: `${idPrefix}-hint`,
    value: draft[field],
    onChange: set(field),
    disabled: lockedReason !== null,
  });

  return (
    <form className="agent-config-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${idPrefix}-title`} data-testid={`${idPrefix}-form`}>
      <h3 id={`${idPrefix}-title`} className="card-title">
        {title}
      </h3>
      {note ? <p className="muted">{note}</p> : null}
      <p id={`${idPrefix}-hint`} className="field-hint" data-testid={`${idPrefix}-hint`}>
        {lockedReason ?? t.inheritHint}
      </p>
      <div className="agent-config-grid">
        <SelectField {...fieldProps("model")} label={t.model}>
          <option value="">{t.inherit}</option>
          {models.map((model) => (
            <option key={model.id} value={model.id}>
              {model.name} ({model.id})
            </option>
          ))}
          {draft.model && !models.some((m) => m.id === draft.model) ? <option value={draft.model}>{draft.model}</option> : null}
        </SelectField>
        <TextField {...fieldProps("maxTokens")} label={t.maxTokens} inputMode="numeric" placeholder={t.inherit} />
        <TextField {...fieldProps("contextWindow")} label={t.contextWindow} inputMode="numeric" placeholder={t.inherit} />
        <SelectField {...fieldProps("compaction")} label={t.compaction}>
          <option value="">{t.inherit}</option>
          <option value="default">{t.compactionDefault}</option>
          <option value="safeguard">{t.compactionSafeguard}</option>
        </SelectField>
        <TextField {...fieldProps("language")} label={t.language} placeholder={t.inherit} autoComplete="off" />
      </div>
      <Outcome outcome={outcome} />
      {lockedReason === null ? (
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t.saving : t.save}
        </button>
      ) : null}
    </form>
  );
}

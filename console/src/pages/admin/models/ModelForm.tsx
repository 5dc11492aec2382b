import { useState, type FormEvent } from "react";
import type { Model } from "@clawgate/contracts";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { TitledForm } from "../../../components/TitledForm.tsx";
import { createModel } from "../../../budgetsApi.ts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { fieldIssues } from "../agents/fieldIssues.ts";

const STRINGS = defineStrings({
  en: {
    title: "Add a model",
    provider: "Provider",
    providers: (p: Model["provider"]) => ({ openai: "OpenAI-compatible endpoint", bedrock: "Amazon Bedrock", offline: "Offline model" })[p],
    id: "Model id",
    idHint: "The id the provider knows it by, e.g. gpt-4o-mini or us.anthropic.claude-sonnet-4-20250514-v1:0.",
    name: "Display name",
    contextWindow: "Context window (tokens)",
    maxOutputTokens: "Max output tokens",
    notCount: "Enter a whole number of tokens.",
    add: "Add model",
    failed: "Could not add the model.",
  },
  zh: {
    title: "添加模型",
    provider: "提供方",
    providers: (p: Model["provider"]) => ({ openai: "OpenAI 兼容端点", bedrock: "Amazon Bedrock", offline: "离线模型" })[p],
    id: "模型 ID",
    idHint: "提供方使用的 ID，例如 gpt-4o-mini 或 us.anthropic.claude-sonnet-4-20250514-v1:0。",
    name: "显示名称",
    contextWindow: "上下文窗口（token）",
    maxOutputTokens: "最大输出 token",
    notCount: "请输入整数 token 数。",
    add: "添加模型",
    failed: "无法添加模型。",
  },
});

type Field = "id" | "name" | "contextWindow" | "maxOutputTokens";
const PROVIDERS: Model["provider"][] = ["openai", "bedrock", "offline"];

/** A whole number typed by a person, or null. */
const parseCount = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);

/** Makes a model available to agent configuration; the server's refusals next to the fields, an id already there (409) beside the form. */
export function ModelForm({ onDone }: { onDone: (model: Model) => void }) {
  const t = useStrings(STRINGS);
  const empty = { id: "", name: "", contextWindow: "128000", maxOutputTokens: "8192" };
  const [provider, setProvider] = useState<Model["provider"]>("openai");
  const [values, setValues] = useState<Record<Field, string>>(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const contextWindow = parseCount(values.contextWindow);
    const maxOutputTokens = parseCount(values.maxOutputTokens);
    if (contextWindow === null || maxOutputTokens === null) {
      setErrors({ ...(contextWindow === null ? { contextWindow: t.notCount } : {}), ...(maxOutputTokens === null ? { maxOutputTokens: t.notCount } : {}) });
      return;
    }
    try {
      const model = await createModel({ id: values.id.trim(), provider, name: values.name, contextWindow, maxOutputTokens });
      setErrors({});
      setValues(empty);
      onDone(model);
    } catch (err) {
      const byField = fieldIssues(err) as Partial<Record<Field, string>>;
      setErrors(byField);
      setOutcome((Object.keys(empty) as Field[]).some((f) => byField[f]) ? null : { ok: false, text: describeError(err, t.failed) });
    }
  };

  const input = (field: Field, label: string, hint?: string, numeric = false) => (
    <TextField
      id={`model-new-${field}`}
      label={label}
      hint={hint}
      error={errors[field]}
      value={values[field]}
      onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
      autoComplete="off"
      inputMode={numeric ? "numeric" : undefined}
    />
  );

  return (
    <TitledForm id="model-new" title={t.title} outcome={outcome} submitLabel={t.add} onSubmit={(event) => void submit(event)}>
      <div className="field-grid">
        <SelectField id="model-new-provider" label={t.provider} value={provider} onChange={(e) => setProvider(e.target.value as Model["provider"])}>
          {PROVIDERS.map((p) => (
            <option key={p} value={p}>
              {t.providers(p)}
            </option>
          ))}
        </SelectField>
        {input("id", t.id, t.idHint)}
        {input("name", t.name)}
        {input("contextWindow", t.contextWindow, undefined, true)}
        {input("maxOutputTokens", t.maxOutputTokens, undefined, true)}
      </div>
    </TitledForm>
  );
}

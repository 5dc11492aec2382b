import { useState, type FormEvent } from "react";
import type { Guardrail, Runtime, RuntimeGuardrails } from "@clawgate/contracts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { Card } from "../../../components/Card.tsx";
import { SelectField } from "../../../components/Field.tsx";
import { Outcome } from "../../../components/PageNotices.tsx";
import { setRuntimeGuardrails } from "../../../securityApi.ts";
import "../../../components/TitledForm.css";

const STRINGS = defineStrings({
  en: {
    title: "Guardrails per runtime",
    intro: "Input guardrails check the message before the agent sees it; output guardrails check the reply before anyone does.",
    input: "Input guardrail",
    output: "Output guardrail",
    none: "None",
    strict: "Strict: refuse the turn when a guardrail fails to answer (fail closed)",
    save: "Save",
    saveLabel: (runtime: string) => `Save the guardrails of ${runtime}`,
    saved: (runtime: string) => `Saved the guardrails of ${runtime}; they apply from the next turn.`,
    failed: "Could not set the guardrails.",
  },
  zh: {
    title: "各运行时的护栏",
    intro: "输入护栏在智能体看到消息之前检查；输出护栏在任何人看到回复之前检查。",
    input: "输入护栏",
    output: "输出护栏",
    none: "无",
    strict: "严格：护栏无法给出结果时拒绝本轮对话（失败即关闭）",
    save: "保存",
    saveLabel: (runtime: string) => `保存 ${runtime} 的护栏`,
    saved: (runtime: string) => `已保存 ${runtime} 的护栏；从下一轮对话起生效。`,
    failed: "无法设置护栏。",
  },
});

function RuntimeGuardrailsForm({ runtime, attachment, guardrails, onChanged }: { runtime: Runtime; attachment: RuntimeGuardrails; guardrails: Guardrail[]; onChanged: () => void }) {
  const t = useStrings(STRINGS);
  const [input, setInput] = useState(attachment.inputGuardrailId ?? "");
  const [output, setOutput] = useState(attachment.outputGuardrailId ?? "");
  const [strict, setStrict] = useState(attachment.strict);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const prefix = `rg-${runtime.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    try {
      await setRuntimeGuardrails(runtime.id, { inputGuardrailId: input || null, outputGuardrailId: output || null, strict });
      setOutcome({ ok: true, text: t.saved(runtime.name) });
      onChanged();
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    }
  };

  const select = (id: string, label: string, value: string, onChange: (value: string) => void) => (
    <SelectField id={id} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t.none}</option>
      {guardrails.map((guardrail) => (
        <option key={guardrail.id} value={guardrail.id}>
          {guardrail.name}
        </option>
      ))}
    </SelectField>
  );

  return (
    <form className="titled-form runtime-guardrails" onSubmit={(event) => void submit(event)} aria-labelledby={`${prefix}-title`} data-testid={`${prefix}-form`}>
      <h3 id={`${prefix}-title`} className="card-title">
        {runtime.name}
      </h3>
      <div className="field-grid">
        {select(`${prefix}-input`, t.input, input, setInput)}
        {select(`${prefix}-output`, t.output, output, setOutput)}
      </div>
      <label className="security-checkbox">
        <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} /> {t.strict}
      </label>
      <Outcome outcome={outcome} />
      <button type="submit" className="button button--small" aria-label={t.saveLabel(runtime.name)}>
        {t.save}
      </button>
    </form>
  );
}

/** Each runtime's input and output guardrail and whether a failing guardrail refuses the turn. */
export function RuntimeGuardrailsSection({ runtimes, attachments, guardrails, onChanged }: { runtimes: Runtime[]; attachments: RuntimeGuardrails[]; guardrails: Guardrail[]; onChanged: () => void }) {
  const t = useStrings(STRINGS);
  return (
    <Card titleId="runtime-guardrails-title" title={t.title} testId="security-runtime-guardrails">
      <p className="muted">{t.intro}</p>
      <div className="runtime-guardrails-list">
        {runtimes.map((runtime) => {
          const attachment = attachments.find((a) => a.runtimeId === runtime.id);
          return attachment ? <RuntimeGuardrailsForm key={runtime.id} runtime={runtime} attachment={attachment} guardrails={guardrails} onChanged={onChanged} /> : null;
        })}
      </div>
    </Card>
  );
}

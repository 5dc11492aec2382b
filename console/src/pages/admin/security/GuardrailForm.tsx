import { useState, type FormEvent } from "react";
import type { CreateGuardrail, Guardrail, GuardrailKind, UpdateGuardrail } from "@clawgate/contracts";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { TitledForm } from "../../../components/TitledForm.tsx";
import { ApiError } from "../../../api.ts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { createGuardrail, updateGuardrail } from "../../../securityApi.ts";
import { EMPTY_POLICY, policyDraft, PolicyEditor, policyOf, type PolicyDraft } from "./PolicyEditor.tsx";

const STRINGS = defineStrings({
  en: {
    addTitle: "Add a guardrail",
    editTitle: (name: string) => `Edit ${name}`,
    kind: "Kind",
    builtin: "Built-in (works offline)",
    bedrock: "Amazon Bedrock guardrail",
    name: "Name",
    blockedInput: "Message when the input is blocked",
    blockedOutput: "Message when the reply is blocked",
    guardrailId: "Bedrock guardrail id or ARN",
    version: "Version (number or DRAFT)",
    region: "Region",
    add: "Add guardrail",
    save: "Save",
    noChange: "Nothing changed.",
    failed: "Could not save the guardrail.",
  },
  zh: {
    addTitle: "添加护栏",
    editTitle: (name: string) => `编辑 ${name}`,
    kind: "类型",
    builtin: "内置（可离线使用）",
    bedrock: "Amazon Bedrock 护栏",
    name: "名称",
    blockedInput: "输入被拦截时的提示",
    blockedOutput: "回复被拦截时的提示",
    guardrailId: "Bedrock 护栏 ID 或 ARN",
    version: "版本（数字或 DRAFT）",
    region: "区域",
    add: "添加护栏",
    save: "保存",
    noChange: "没有任何更改。",
    failed: "无法保存护栏。",
  },
});

type Field = "name" | "blockedInputMessage" | "blockedOutputMessage" | "guardrailId" | "version" | "region";

/** Every issue the server named, by field; the policy's nested paths keep their detail ("deniedTopics.0.phrases: …"). */
function issuesOf(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || err.status !== 400 || !Array.isArray(err.details["issues"])) return {};
  const out: Record<string, string> = {};
  for (const issue of err.details["issues"] as { path: string; message: string }[]) {
    const [head, ...rest] = issue.path.split(".");
    const key = head === "bedrock" ? (rest[0] ?? "guardrailId") : (head ?? "");
    const text = head === "policy" && rest.length ? `${rest.join(".")}: ${issue.message}` : issue.message;
    out[key] = out[key] ? `${out[key]}; ${text}` : text;
  }
  return out;
}

interface Props {
  guardrail?: Guardrail;
  onDone: (name: string) => void;
  onCancel?: () => void;
}

/** Adds a Bedrock or built-in guardrail, or edits one (its kind stays); server validation shown per field. */
export function GuardrailForm({ guardrail, onDone, onCancel }: Props) {
  const t = useStrings(STRINGS);
  const [kind, setKind] = useState<GuardrailKind>(guardrail?.kind ?? "builtin");
  const initial: Record<Field, string> = {
    name: guardrail?.name ?? "",
    blockedInputMessage: guardrail?.blockedInputMessage ?? "",
    blockedOutputMessage: guardrail?.blockedOutputMessage ?? "",
    guardrailId: guardrail?.bedrock?.guardrailId ?? "",
    version: guardrail?.bedrock?.version ?? "",
    region: guardrail?.bedrock?.region ?? "",
  };
  const initialPolicy = guardrail?.policy ? policyDraft(guardrail.policy) : EMPTY_POLICY;
  const [values, setValues] = useState(initial);
  const [policy, setPolicy] = useState<PolicyDraft>(initialPolicy);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const prefix = guardrail ? `guardrail-${guardrail.id}` : "guardrail-new";

  const bedrockOf = () => ({ guardrailId: values.guardrailId.trim(), version: values.version.trim(), region: values.region.trim() });
  const common = () => ({ name: values.name.trim(), blockedInputMessage: values.blockedInputMessage.trim(), blockedOutputMessage: values.blockedOutputMessage.trim() });

  const change = (): UpdateGuardrail => {
    const next: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(common())) if (value !== initial[field as Field]) next[field] = value;
    if (kind === "bedrock" && (["guardrailId", "version", "region"] as const).some((f) => values[f].trim() !== initial[f])) next["bedrock"] = bedrockOf();
    if (kind === "builtin" && JSON.stringify(policyOf(policy)) !== JSON.stringify(policyOf(initialPolicy))) next["policy"] = policyOf(policy);
    return next as UpdateGuardrail;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    try {
      if (guardrail) {
        const body = change();
        if (Object.keys(body).length === 0) {
          setOutcome({ ok: true, text: t.noChange });
          return;
        }
        await updateGuardrail(guardrail.id, body);
      } else {
        const body: CreateGuardrail = kind === "bedrock" ? { kind, ...common(), bedrock: bedrockOf() } : { kind, ...common(), policy: policyOf(policy) };
        await createGuardrail(body);
        setValues(initial);
        setPolicy(EMPTY_POLICY);
      }
      setErrors({});
      onDone(values.name.trim());
    } catch (err) {
      const byField = issuesOf(err);
      setErrors(byField);
      const shown = ["name", "blockedInputMessage", "blockedOutputMessage", ...(kind === "bedrock" ? ["guardrailId", "version", "region"] : ["policy"])];
      setOutcome(shown.some((f) => byField[f]) ? null : { ok: false, text: describeError(err, t.failed) });
    }
  };

  const input = (field: Field, label: string) => (
    <TextField
      key={field}
      id={`${prefix}-${field}`}
      label={label}
      error={errors[field]}
      value={values[field]}
      onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
      autoComplete="off"
    />
  );

  return (
    <TitledForm id={prefix} title={guardrail ? t.editTitle(guardrail.name) : t.addTitle} outcome={outcome} submitLabel={guardrail ? t.save : t.add} onSubmit={(event) => void submit(event)} onCancel={onCancel}>
      <div className="field-grid">
        {guardrail ? null : (
          <SelectField id={`${prefix}-kind`} label={t.kind} value={kind} onChange={(e) => setKind(e.target.value as GuardrailKind)}>
            <option value="builtin">{t.builtin}</option>
            <option value="bedrock">{t.bedrock}</option>
          </SelectField>
        )}
        {input("name", t.name)}
        {input("blockedInputMessage", t.blockedInput)}
        {input("blockedOutputMessage", t.blockedOutput)}
        {kind === "bedrock" ? [input("guardrailId", t.guardrailId), input("version", t.version), input("region", t.region)] : null}
      </div>
      {kind === "builtin" ? <PolicyEditor draft={policy} onChange={setPolicy} idPrefix={prefix} /> : null}
      {errors["policy"] ? (
        <p className="field-error" role="alert" data-testid={`${prefix}-policy-error`}>
          {errors["policy"]}
        </p>
      ) : null}
    </TitledForm>
  );
}

import { useState, type FormEvent } from "react";
import type { CreateRuntime, Runtime, UpdateRuntime } from "@clawgate/contracts";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { TitledForm } from "../../../components/TitledForm.tsx";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { createRuntime, updateRuntime } from "../../../securityApi.ts";
import { fieldIssues } from "../agents/fieldIssues.ts";

const STRINGS = defineStrings({
  en: {
    addTitle: "Add a runtime",
    editTitle: (name: string) => `Edit ${name}`,
    kind: "Kind",
    http: "HTTP (local container, always-on)",
    agentcore: "AgentCore",
    name: "Name",
    endpoint: "Endpoint URL",
    endpointHint: "https, or http on localhost only. The HMAC key is a Worker secret, never stored here.",
    arn: "Runtime ARN",
    region: "Region",
    regionHint: "Empty: the ARN's region.",
    qualifier: "Endpoint (qualifier)",
    add: "Add runtime",
    save: "Save",
    noChange: "Nothing changed.",
    failed: "Could not save the runtime.",
  },
  zh: {
    addTitle: "添加运行时",
    editTitle: (name: string) => `编辑 ${name}`,
    kind: "类型",
    http: "HTTP（本地容器、常驻）",
    agentcore: "AgentCore",
    name: "名称",
    endpoint: "端点 URL",
    endpointHint: "须为 https；仅 localhost 可用 http。HMAC 密钥是 Worker 机密，不会保存在此。",
    arn: "运行时 ARN",
    region: "区域",
    regionHint: "留空：使用 ARN 中的区域。",
    qualifier: "端点（qualifier）",
    add: "添加运行时",
    save: "保存",
    noChange: "没有任何更改。",
    failed: "无法保存运行时。",
  },
});

type Field = "name" | "endpoint" | "arn" | "region" | "qualifier";

interface Props {
  /** The runtime to edit; absent: a new one. */
  runtime?: Runtime;
  onDone: (message: string) => void;
  onCancel?: () => void;
}

/** Adds an HTTP or AgentCore runtime, or edits one (its kind stays); the server's validation per field. */
export function RuntimeForm({ runtime, onDone, onCancel }: Props) {
  const t = useStrings(STRINGS);
  const [kind, setKind] = useState<Runtime["kind"]>(runtime?.kind ?? "http");
  const initial: Record<Field, string> = {
    name: runtime?.name ?? "",
    endpoint: runtime?.kind === "http" ? runtime.endpoint : "",
    arn: runtime?.kind === "agentcore" ? runtime.arn : "",
    region: runtime?.kind === "agentcore" ? runtime.region : "",
    qualifier: runtime?.kind === "agentcore" ? runtime.qualifier : "DEFAULT",
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const prefix = runtime ? `runtime-${runtime.id}` : "runtime-new";
  const fields: Field[] = kind === "http" ? ["name", "endpoint"] : ["name", "arn", "region", "qualifier"];

  const body = (): CreateRuntime | UpdateRuntime => {
    const trimmed = Object.fromEntries(fields.map((f) => [f, values[f].trim()])) as Record<Field, string>;
    // An emptied region means "the ARN's region" (derived by the server when the ARN changes); any other emptied field goes to the server to be refused with its reason.
    if (runtime) return Object.fromEntries(fields.filter((f) => trimmed[f] !== initial[f] && !(f === "region" && trimmed[f] === "")).map((f) => [f, trimmed[f]])) as UpdateRuntime;
    if (kind === "http") return { kind, name: trimmed.name, endpoint: trimmed.endpoint };
    return { kind, name: trimmed.name, arn: trimmed.arn, qualifier: trimmed.qualifier || "DEFAULT", ...(trimmed.region ? { region: trimmed.region } : {}) };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const payload = body();
    if (runtime && Object.keys(payload).length === 0) {
      setOutcome({ ok: true, text: t.noChange });
      return;
    }
    try {
      const saved = runtime ? await updateRuntime(runtime.id, payload as UpdateRuntime) : await createRuntime(payload as CreateRuntime);
      setErrors({});
      if (!runtime) setValues(initial);
      onDone(saved.name);
    } catch (err) {
      const byField = fieldIssues(err);
      setErrors(byField);
      setOutcome(fields.some((f) => byField[f]) ? null : { ok: false, text: describeError(err, t.failed) });
    }
  };

  const input = (field: Field, label: string, hint?: string) => (
    <TextField
      key={field}
      id={`${prefix}-${field}`}
      label={label}
      hint={hint}
      error={errors[field]}
      value={values[field]}
      onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
      autoComplete="off"
    />
  );

  return (
    <TitledForm id={prefix} title={runtime ? t.editTitle(runtime.name) : t.addTitle} outcome={outcome} submitLabel={runtime ? t.save : t.add} onSubmit={(event) => void submit(event)} onCancel={onCancel}>
      <div className="field-grid">
        {runtime ? null : (
          <SelectField id={`${prefix}-kind`} label={t.kind} value={kind} onChange={(e) => setKind(e.target.value as Runtime["kind"])}>
            <option value="http">{t.http}</option>
            <option value="agentcore">{t.agentcore}</option>
          </SelectField>
        )}
        {input("name", t.name)}
        {kind === "http" ? input("endpoint", t.endpoint, t.endpointHint) : [input("arn", t.arn), input("region", t.region, t.regionHint), input("qualifier", t.qualifier)]}
      </div>
    </TitledForm>
  );
}

import { useState, type FormEvent } from "react";
import type { EmployeeRouting, Runtime } from "@clawgate/contracts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { Outcome } from "../../../components/PageNotices.tsx";
import { fieldIssues } from "./fieldIssues.ts";

const STRINGS = defineStrings({
  en: {
    title: "Runtime",
    override: "Runtime override",
    noOverride: "None: position rule or default runtime",
    alwaysOn: "Always-on endpoint (admin only)",
    alwaysOnHint: "An https URL of a dedicated container that serves all this agent's turns; empty to clear.",
    save: "Save routing",
    saving: "Saving…",
    noChange: "Nothing changed.",
    saved: "Routing saved; the next turn runs where the explanation above says.",
    failed: "Could not save the routing.",
  },
  zh: {
    title: "运行时",
    override: "运行时覆盖",
    noOverride: "无：按岗位规则或默认运行时",
    alwaysOn: "常驻端点（仅管理员）",
    alwaysOnHint: "专用容器的 https 地址，服务该智能体的全部对话；留空即清除。",
    save: "保存路由",
    saving: "保存中…",
    noChange: "没有任何更改。",
    saved: "路由已保存；下一轮对话将按上方说明运行。",
    failed: "无法保存路由。",
  },
});

interface Props {
  routing: EmployeeRouting;
  runtimes: Runtime[];
  /** Always-on endpoints receive the agent's whole plan and memory: the server lets only admins set them. */
  canSetAlwaysOn: boolean;
  onSave: (change: { runtimeId?: string | null; alwaysOnEndpoint?: string | null }) => Promise<unknown>;
}

/** The employee's runtime override and, for admins, the always-on endpoint. */
export function RoutingForm({ routing, runtimes, canSetAlwaysOn, onSave }: Props) {
  const t = useStrings(STRINGS);
  const [runtimeId, setRuntimeId] = useState(routing.runtimeId ?? "");
  const [endpoint, setEndpoint] = useState(routing.alwaysOnEndpoint ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const change: { runtimeId?: string | null; alwaysOnEndpoint?: string | null } = {};
    if (runtimeId !== (routing.runtimeId ?? "")) change.runtimeId = runtimeId || null;
    if (canSetAlwaysOn && endpoint.trim() !== (routing.alwaysOnEndpoint ?? "")) change.alwaysOnEndpoint = endpoint.trim() || null;
    if (Object.keys(change).length === 0) {
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
      setOutcome(byField["runtimeId"] || byField["alwaysOnEndpoint"] ? null : { ok: false, text: describeError(err, t.failed) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="agent-config-form" onSubmit={(event) => void submit(event)} aria-labelledby="routing-title" data-testid="routing-form">
      <h3 id="routing-title" className="card-title">
        {t.title}
      </h3>
      <div className="agent-config-grid">
        <SelectField id="routing-runtime" label={t.override} error={errors["runtimeId"]} value={runtimeId} onChange={(e) => setRuntimeId(e.target.value)}>
          <option value="">{t.noOverride}</option>
          {runtimes.map((runtime) => (
            <option key={runtime.id} value={runtime.id}>
              {runtime.name} ({runtime.kind})
            </option>
          ))}
        </SelectField>
        {canSetAlwaysOn ? (
          <TextField
            id="routing-always-on"
            label={t.alwaysOn}
            hint={t.alwaysOnHint}
            error={errors["alwaysOnEndpoint"]}
            inputMode="url"
            autoComplete="off"
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value)}
            placeholder="https://"
            data-testid="routing-always-on"
          />
        ) : null}
      </div>
      <Outcome outcome={outcome} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t.saving : t.save}
      </button>
    </form>
  );
}

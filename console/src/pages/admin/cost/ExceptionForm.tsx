import { useState, type FormEvent } from "react";
import type { Employee } from "@clawgate/contracts";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { TitledForm } from "../../../components/TitledForm.tsx";
import { grantBudgetException } from "../../../budgetsApi.ts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { fieldIssues } from "../agents/fieldIssues.ts";

const STRINGS = defineStrings({
  en: {
    title: "Grant an exception",
    employee: "Employee",
    choose: "Choose…",
    reason: "Reason",
    until: "Until (end of the day)",
    untilHint: "At most a year ahead. Their turns are not refused for being over budget until then.",
    grant: "Grant exception",
    failed: "Could not grant the exception.",
  },
  zh: {
    title: "批准例外",
    employee: "员工",
    choose: "请选择…",
    reason: "原因",
    until: "截止日期（当天结束）",
    untilHint: "最多一年。在此之前，其对话不会因超出预算而被拒绝。",
    grant: "批准例外",
    failed: "无法批准例外。",
  },
});

/** The end of a local calendar day as an instant; empty stays empty for the server to refuse. */
const endOfDay = (date: string) => (date ? new Date(`${date}T23:59:59`).toISOString() : "");

interface Props {
  employees: Employee[];
  /** Preselected, e.g. from "Grant an exception" beside someone over budget. */
  employeeId?: string;
  onDone: (employeeId: string) => void;
}

/** Lets an employee keep working past their budget until a date; the server's refusals next to the fields. */
export function ExceptionForm({ employees, employeeId: preset = "", onDone }: Props) {
  const t = useStrings(STRINGS);
  const [employeeId, setEmployeeId] = useState(preset);
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    try {
      await grantBudgetException({ employeeId, reason, expiresAt: endOfDay(until) });
      setErrors({});
      setReason("");
      setUntil("");
      onDone(employeeId);
    } catch (err) {
      const byField = fieldIssues(err);
      setErrors(byField);
      setOutcome(["employeeId", "reason", "expiresAt"].some((f) => byField[f]) ? null : { ok: false, text: describeError(err, t.failed) });
    }
  };

  return (
    <TitledForm id="exception" title={t.title} outcome={outcome} submitLabel={t.grant} onSubmit={(event) => void submit(event)}>
      <div className="field-grid">
        <SelectField
          id="exception-employee"
          label={t.employee}
          error={errors["employeeId"]}
          errorId="exception-employeeId-error"
          value={employeeId}
          onChange={(e) => setEmployeeId(e.target.value)}
        >
          <option value="">{t.choose}</option>
          {employees.map((e) => (
            <option key={e.id} value={e.id}>
              {`${e.name} (${e.id})`}
            </option>
          ))}
        </SelectField>
        <TextField id="exception-reason" label={t.reason} error={errors["reason"]} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" />
        <TextField
          id="exception-until"
          label={t.until}
          hint={t.untilHint}
          error={errors["expiresAt"]}
          errorId="exception-expiresAt-error"
          type="date"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
      </div>
    </TitledForm>
  );
}

import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Budget, BudgetScope, CreateBudget, Employee } from "@clawgate/contracts";
import { SelectField, TextField } from "../../../components/Field.tsx";
import { TitledForm } from "../../../components/TitledForm.tsx";
import { createBudget, updateBudget } from "../../../budgetsApi.ts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { fieldIssues } from "../agents/fieldIssues.ts";
import type { DepartmentEntry } from "./costData.ts";
import { parseUsd } from "./money.ts";

const STRINGS = defineStrings({
  en: {
    addTitle: "Add a budget",
    editTitle: (target: string) => `Change the budget of ${target}`,
    scope: "Applies to",
    global: "Everyone (organisation-wide)",
    department: "A department and its sub-departments",
    employee: "One employee",
    departmentTarget: "Department",
    employeeTarget: "Employee",
    choose: "Choose…",
    limit: "Monthly limit per employee (USD)",
    limitHint: "Each person governed by it may spend this much a month. The most specific budget applies: their own, then their nearest department's, then everyone's.",
    notAmount: "Enter an amount in dollars, such as 25 or 7.50.",
    add: "Add budget",
    save: "Save",
    failed: "Could not save the budget.",
  },
  zh: {
    addTitle: "添加预算",
    editTitle: (target: string) => `修改 ${target} 的预算`,
    scope: "适用范围",
    global: "全体（整个组织）",
    department: "某部门及其下级部门",
    employee: "单个员工",
    departmentTarget: "部门",
    employeeTarget: "员工",
    choose: "请选择…",
    limit: "每位员工的月度上限（美元）",
    limitHint: "受此预算约束的每个人每月最多可花费这么多。最具体的预算生效：本人的，其次是最近的部门的，最后是全体的。",
    notAmount: "请输入美元金额，例如 25 或 7.50。",
    add: "添加预算",
    save: "保存",
    failed: "无法保存预算。",
  },
});

interface Props {
  /** The budget to change (its limit only: a budget's scope is what it is); absent: a new one. */
  budget?: Budget;
  /** How the edited budget's target reads, e.g. "Engineering". */
  target?: string;
  departments: DepartmentEntry[];
  employees: Employee[];
  onDone: (budget: Budget) => void;
  onCancel?: () => void;
}

/** Adds a budget for everyone, a department subtree or one employee, or changes a budget's limit; the server's refusals next to the fields. */
export function BudgetForm({ budget, target, departments, employees, onDone, onCancel }: Props) {
  const t = useStrings(STRINGS);
  const [scope, setScope] = useState<BudgetScope>("department");
  const [scopeId, setScopeId] = useState("");
  const [limit, setLimit] = useState(budget ? String(budget.monthlyLimitUsd) : "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const prefix = budget ? `budget-${budget.id}` : "budget-new";
  const limitInput = useRef<HTMLInputElement>(null);
  // An edit form opens below the table at an Edit button: take the keyboard to it.
  useEffect(() => {
    if (budget) limitInput.current?.focus();
  }, [budget]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const monthlyLimitUsd = parseUsd(limit);
    if (monthlyLimitUsd === null) {
      setErrors({ monthlyLimitUsd: t.notAmount });
      return;
    }
    try {
      // An unchosen target is sent as it is, for the server to refuse with its reason.
      const body: CreateBudget = scope === "global" ? { scope, monthlyLimitUsd } : { scope, scopeId, monthlyLimitUsd };
      const saved = budget ? await updateBudget(budget.id, monthlyLimitUsd) : await createBudget(body);
      setErrors({});
      if (!budget) {
        setScopeId("");
        setLimit("");
      }
      onDone(saved);
    } catch (err) {
      const byField = fieldIssues(err);
      setErrors(byField);
      const shown = ["scope", "scopeId", "monthlyLimitUsd"].some((f) => byField[f]);
      setOutcome(shown ? null : { ok: false, text: describeError(err, t.failed) });
    }
  };

  return (
    <TitledForm id={prefix} title={budget ? t.editTitle(target ?? budget.id) : t.addTitle} outcome={outcome} submitLabel={budget ? t.save : t.add} onSubmit={(event) => void submit(event)} onCancel={onCancel}>
      <div className="field-grid">
        {budget ? null : (
          <SelectField
            id={`${prefix}-scope`}
            label={t.scope}
            error={errors["scope"]}
            value={scope}
            onChange={(e) => {
              setScope(e.target.value as BudgetScope);
              setScopeId("");
            }}
          >
            <option value="global">{t.global}</option>
            <option value="department">{t.department}</option>
            <option value="employee">{t.employee}</option>
          </SelectField>
        )}
        {budget || scope === "global" ? null : (
          <SelectField
            id={`${prefix}-target`}
            label={scope === "department" ? t.departmentTarget : t.employeeTarget}
            error={errors["scopeId"]}
            errorId={`${prefix}-scopeId-error`}
            value={scopeId}
            onChange={(e) => setScopeId(e.target.value)}
          >
            <option value="">{t.choose}</option>
            {scope === "department"
              ? departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {`${"\u00a0\u00a0".repeat(d.depth)}${d.name}`}
                  </option>
                ))
              : employees.map((e) => (
                  <option key={e.id} value={e.id}>
                    {`${e.name} (${e.id})`}
                  </option>
                ))}
          </SelectField>
        )}
        <TextField
          id={`${prefix}-limit`}
          ref={limitInput}
          label={t.limit}
          hint={t.limitHint}
          error={errors["monthlyLimitUsd"]}
          errorId={`${prefix}-monthlyLimitUsd-error`}
          inputMode="decimal"
          value={limit}
          onChange={(e) => setLimit(e.target.value)}
          autoComplete="off"
        />
      </div>
    </TitledForm>
  );
}

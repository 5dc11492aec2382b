import { useState, type FormEvent } from "react";
import type { DepartmentNode, Employee, Me, Position, Role } from "@clawgate/contracts";
import { SelectField, TextField } from "../../components/Field.tsx";
import { createEmployee } from "../../adminApi.ts";
import { describeError } from "../../errors.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";

const STRINGS = defineStrings({
  en: {
    title: "New employee",
    name: "Name",
    number: "Employee number",
    email: "Email",
    department: "Department",
    position: "Position",
    noPosition: "No position in this department — create one first",
    role: "Role",
    employee: "Employee",
    manager: "Manager",
    admin: "Admin",
    password: "Temporary password",
    passwordRule: "At least 12 characters. The employee must replace it at first sign-in. Leave it empty for single sign-on only.",
    agentReady: "Their agent is ready.",
    agentNotReady: (why: string) => `Their agent is not ready yet: ${why}`,
    created: (name: string, id: string, agent: string) => `Created ${name} (${id}). ${agent}`,
    failed: "Could not create the employee.",
    create: "Create employee",
    creating: "Creating…",
  },
  zh: {
    title: "新员工",
    name: "姓名",
    number: "工号",
    email: "邮箱",
    department: "部门",
    position: "岗位",
    noPosition: "该部门还没有岗位——请先创建一个",
    role: "角色",
    employee: "员工",
    manager: "经理",
    admin: "管理员",
    password: "临时密码",
    passwordRule: "至少 12 个字符。员工首次登录时必须更换。留空则只能通过单点登录登录。",
    agentReady: "其智能体已就绪。",
    agentNotReady: (why: string) => `其智能体尚未就绪：${why}`,
    created: (name: string, id: string, agent: string) => `已创建 ${name}（${id}）。${agent}`,
    failed: "无法创建该员工。",
    create: "创建员工",
    creating: "正在创建…",
  },
});

function flatten(nodes: DepartmentNode[], depth = 0): { id: string; label: string }[] {
  return nodes.flatMap((node) => [{ id: node.id, label: `${"— ".repeat(depth)}${node.name}` }, ...flatten(node.children, depth + 1)]);
}

interface CreateEmployeeFormProps {
  me: Me;
  departments: DepartmentNode[];
  positions: Position[];
  onCreated: (employee: Employee) => void;
}

/** A new employee with an initial password they must replace at first sign-in. */
export function CreateEmployeeForm({ me, departments, positions, onCreated }: CreateEmployeeFormProps) {
  const t = useStrings(STRINGS);
  const options = flatten(departments);
  const [name, setName] = useState("");
  const [employeeNumber, setEmployeeNumber] = useState("");
  const [email, setEmail] = useState("");
  const [departmentId, setDepartmentId] = useState(options[0]?.id ?? "");
  const [positionId, setPositionId] = useState("");
  const [role, setRole] = useState<Role>("employee");
  const [initialPassword, setInitialPassword] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string; id?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const inDepartment = positions.filter((position) => position.departmentId === departmentId);
  const chosenPosition = inDepartment.some((position) => position.id === positionId) ? positionId : (inDepartment[0]?.id ?? "");

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const created = await createEmployee({ name, employeeNumber, email, departmentId, positionId: chosenPosition, role, ...(initialPassword ? { initialPassword } : {}) });
      const agent = created.agent.status === "ready" ? t.agentReady : t.agentNotReady(created.agent.message);
      setResult({ ok: true, text: t.created(created.employee.name, created.employee.id, agent), id: created.employee.id });
      onCreated(created.employee);
      setName("");
      setEmployeeNumber("");
      setEmail("");
      setInitialPassword("");
    } catch (err) {
      setResult({ ok: false, text: describeError(err, t.failed) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-grid" onSubmit={onSubmit} aria-labelledby="create-employee-title" data-testid="create-employee-form">
      <h2 id="create-employee-title" className="card-title">
        {t.title}
      </h2>
      <TextField id="new-employee-name" label={t.name} required value={name} onChange={(e) => setName(e.target.value)} data-testid="new-employee-name" />
      <TextField id="new-employee-number" label={t.number} required value={employeeNumber} onChange={(e) => setEmployeeNumber(e.target.value)} data-testid="new-employee-number" />
      <TextField id="new-employee-email" label={t.email} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="new-employee-email" />
      <SelectField id="new-employee-department" label={t.department} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} data-testid="new-employee-department">
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <SelectField id="new-employee-position" label={t.position} value={chosenPosition} onChange={(e) => setPositionId(e.target.value)} required data-testid="new-employee-position">
        {inDepartment.length === 0 ? <option value="">{t.noPosition}</option> : null}
        {inDepartment.map((position) => (
          <option key={position.id} value={position.id}>
            {position.name}
          </option>
        ))}
      </SelectField>
      <SelectField id="new-employee-role" label={t.role} value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-employee-role">
        <option value="employee">{t.employee}</option>
        <option value="manager">{t.manager}</option>
        {me.role === "admin" ? <option value="admin">{t.admin}</option> : null}
      </SelectField>
      <label className="field">
        <span className="field-label">{t.password}</span>
        <input
          className="field-input"
          type="text"
          autoComplete="off"
          minLength={12}
          value={initialPassword}
          onChange={(e) => setInitialPassword(e.target.value)}
          aria-describedby="temporary-password-rule"
          data-testid="new-employee-password"
        />
        <span id="temporary-password-rule" className="field-hint">
          {t.passwordRule}
        </span>
      </label>
      {result ? (
        <p className={result.ok ? "notice notice--ok" : "notice notice--error"} role={result.ok ? "status" : "alert"} data-testid="create-employee-result" data-created-id={result.id}>
          {result.text}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy || !chosenPosition} data-testid="create-employee-submit">
        {busy ? t.creating : t.create}
      </button>
    </form>
  );
}

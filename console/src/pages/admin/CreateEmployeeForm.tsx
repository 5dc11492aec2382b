import { useState, type FormEvent } from "react";
import type { DepartmentNode, Employee, Me, Position, Role } from "@clawgate/contracts";
import { createEmployee } from "../../adminApi.ts";
import { describeError } from "../../errors.ts";

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
      const agent = created.agent.status === "ready" ? "Their agent is ready." : `Their agent is not ready yet: ${created.agent.message}`;
      setResult({ ok: true, text: `Created ${created.employee.name} (${created.employee.id}). ${agent}`, id: created.employee.id });
      onCreated(created.employee);
      setName("");
      setEmployeeNumber("");
      setEmail("");
      setInitialPassword("");
    } catch (err) {
      setResult({ ok: false, text: describeError(err, "Could not create the employee.") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-grid" onSubmit={onSubmit} aria-labelledby="create-employee-title" data-testid="create-employee-form">
      <h2 id="create-employee-title" className="card-title">
        New employee
      </h2>
      <label className="field">
        <span className="field-label">Name</span>
        <input className="field-input" required value={name} onChange={(e) => setName(e.target.value)} data-testid="new-employee-name" />
      </label>
      <label className="field">
        <span className="field-label">Employee number</span>
        <input className="field-input" required value={employeeNumber} onChange={(e) => setEmployeeNumber(e.target.value)} data-testid="new-employee-number" />
      </label>
      <label className="field">
        <span className="field-label">Email</span>
        <input className="field-input" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="new-employee-email" />
      </label>
      <label className="field">
        <span className="field-label">Department</span>
        <select className="field-input" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} data-testid="new-employee-department">
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Position</span>
        <select className="field-input" value={chosenPosition} onChange={(e) => setPositionId(e.target.value)} required data-testid="new-employee-position">
          {inDepartment.length === 0 ? <option value="">No position in this department — create one first</option> : null}
          {inDepartment.map((position) => (
            <option key={position.id} value={position.id}>
              {position.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Role</span>
        <select className="field-input" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-employee-role">
          <option value="employee">Employee</option>
          <option value="manager">Manager</option>
          {me.role === "admin" ? <option value="admin">Admin</option> : null}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Temporary password</span>
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
          At least 12 characters. The employee must replace it at first sign-in. Leave it empty for single sign-on only.
        </span>
      </label>
      {result ? (
        <p className={result.ok ? "notice notice--ok" : "notice notice--error"} role={result.ok ? "status" : "alert"} data-testid="create-employee-result" data-created-id={result.id}>
          {result.text}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy || !chosenPosition} data-testid="create-employee-submit">
        {busy ? "Creating…" : "Create employee"}
      </button>
    </form>
  );
}

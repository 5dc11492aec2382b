import { useCallback, useEffect, useState } from "react";
import type { DepartmentNode, Employee, Me, Position } from "@clawgate/contracts";
import { deleteOrgItem, getDepartmentTree, getEmployees, getPositions, type OrgKind } from "../../adminApi.ts";
import { Card } from "../../components/Card.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { LoadState } from "../../components/PageNotices.tsx";
import { describeError, isAbort } from "../../errors.ts";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { explainDeleteFailure } from "./blockers.ts";
import { CreateEmployeeForm } from "./CreateEmployeeForm.tsx";

const STRINGS = defineStrings({
  en: {
    title: "Organization",
    loadFailed: "Could not load the organization.",
    departments: "Departments",
    positions: "Positions",
    chatOnly: "chat only",
    employees: (n: number) => `Employees (${n})`,
    employeesCaption: "Employees in your scope",
    name: "Name",
    id: "Id",
    position: "Position",
    role: "Role",
    actions: "Actions",
    firstSignInPending: "first sign-in pending",
    delete: "Delete",
    deleteDepartment: (name: string) => `Delete department ${name}`,
    deletePosition: (name: string) => `Delete position ${name}`,
    deleteEmployee: (name: string) => `Delete ${name}`,
    confirmDelete: (name: string) => `Delete ${name}?`,
    deleted: (name: string) => `Deleted ${name}.`,
    roleName: (role: string) => role,
  },
  zh: {
    title: "组织",
    loadFailed: "无法加载组织信息。",
    departments: "部门",
    positions: "岗位",
    chatOnly: "仅对话",
    employees: (n: number) => `员工（${n}）`,
    employeesCaption: "你管理范围内的员工",
    name: "姓名",
    id: "ID",
    position: "岗位",
    role: "角色",
    actions: "操作",
    firstSignInPending: "待首次登录",
    delete: "删除",
    deleteDepartment: (name: string) => `删除部门 ${name}`,
    deletePosition: (name: string) => `删除岗位 ${name}`,
    deleteEmployee: (name: string) => `删除 ${name}`,
    confirmDelete: (name: string) => `要删除 ${name} 吗？`,
    deleted: (name: string) => `已删除 ${name}。`,
    roleName: (role: string) => ({ employee: "员工", manager: "经理", admin: "管理员" })[role] ?? role,
  },
});

interface Org {
  departments: DepartmentNode[];
  positions: Position[];
  employees: Employee[];
}

interface DepartmentTreeProps {
  nodes: DepartmentNode[];
  deleteLabel: (name: string) => string;
  deleteText: string;
  onDelete?: (node: DepartmentNode) => void;
}

function DepartmentTree({ nodes, deleteLabel, deleteText, onDelete }: DepartmentTreeProps) {
  return (
    <ul className="tree">
      {nodes.map((node) => (
        <li key={node.id}>
          <span>{node.name}</span> <span className="muted">({node.roleName})</span>
          {onDelete ? (
            <button type="button" className="button button--small" onClick={() => onDelete(node)} aria-label={deleteLabel(node.name)}>
              {deleteText}
            </button>
          ) : null}
          {node.children.length ? <DepartmentTree nodes={node.children} deleteLabel={deleteLabel} deleteText={deleteText} {...(onDelete ? { onDelete } : {})} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Departments, positions and employees in the caller's scope (a manager: their department subtree). */
export function OrganizationPage({ me }: { me: Me }) {
  const t = useStrings(STRINGS);
  const { language } = useLanguage();
  const [org, setOrg] = useState<Org | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [deleteMessage, setDeleteMessage] = useState<string | null>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const [departments, positions, employees] = await Promise.all([getDepartmentTree(signal), getPositions(signal), getEmployees(signal)]);
      setOrg({ departments, positions, employees });
    } catch (err) {
      if (!isAbort(err)) setError(err);
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // Deletes are admin-only on the server; a manager is not offered them.
  const canDelete = me.role === "admin";
  const remove = async (kind: OrgKind, id: string, name: string) => {
    if (!window.confirm(t.confirmDelete(name))) return;
    setDeleteMessage(null);
    try {
      await deleteOrgItem(kind, id);
      setDeleteMessage(t.deleted(name));
      await load();
    } catch (err) {
      setDeleteMessage(explainDeleteFailure(err, language));
    }
  };

  const positionName = new Map(org?.positions.map((position) => [position.id, position.name]));

  return (
    <main className="page page--wide" aria-labelledby="org-title">
      <h1 id="org-title" className="page-title">
        {t.title}
      </h1>
      <LoadState error={error ? describeError(error, t.loadFailed) : null} loading={!org} />
      {deleteMessage ? (
        <p className="notice" role="status" data-testid="delete-result">
          {deleteMessage}
        </p>
      ) : null}
      {org ? (
        <div className="columns">
          <div>
            <Card titleId="departments-title" title={t.departments}>
              <DepartmentTree
                nodes={org.departments}
                deleteLabel={t.deleteDepartment}
                deleteText={t.delete}
                {...(canDelete ? { onDelete: (node: DepartmentNode) => remove("departments", node.id, node.name) } : {})}
              />
            </Card>
            <Card titleId="positions-title" title={t.positions}>
              <ul className="plain-list" data-testid="position-list">
                {org.positions.map((position) => (
                  <li key={position.id}>
                    {position.name} <span className="muted">{position.capabilities.join(", ") || t.chatOnly}</span>
                    {canDelete ? (
                      <button type="button" className="button button--small" onClick={() => remove("positions", position.id, position.name)} aria-label={t.deletePosition(position.name)}>
                        {t.delete}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Card>
            <CreateEmployeeForm me={me} departments={org.departments} positions={org.positions} onCreated={() => void load()} />
          </div>
          <Card titleId="employees-title" title={t.employees(org.employees.length)}>
            <DataTable caption={t.employeesCaption} columns={[t.name, t.id, t.position, t.role]} actions={canDelete ? t.actions : undefined} testId="employee-list">
              {org.employees.map((employee) => (
                <tr key={employee.id} data-testid="employee-row" data-employee-id={employee.id}>
                  <td>
                    {employee.name}
                    {employee.mustChangePassword ? <span className="badge">{t.firstSignInPending}</span> : null}
                  </td>
                  <td className="identifier">{employee.id}</td>
                  <td>{positionName.get(employee.positionId) ?? employee.positionId}</td>
                  <td>{t.roleName(employee.role)}</td>
                  {canDelete ? (
                    <td>
                      <button type="button" className="button button--small" onClick={() => remove("employees", employee.id, employee.name)} aria-label={t.deleteEmployee(employee.name)}>
                        {t.delete}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </DataTable>
          </Card>
        </div>
      ) : null}
    </main>
  );
}

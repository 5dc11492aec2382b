import { useCallback, useEffect, useState } from "react";
import type { DepartmentNode, Employee, Me, Position } from "@clawgate/contracts";
import { deleteOrgItem, getDepartmentTree, getEmployees, getPositions, type OrgKind } from "../../adminApi.ts";
import { describeError, isAbort } from "../../errors.ts";
import { explainDeleteFailure } from "./blockers.ts";
import { CreateEmployeeForm } from "./CreateEmployeeForm.tsx";

interface Org {
  departments: DepartmentNode[];
  positions: Position[];
  employees: Employee[];
}

function DepartmentTree({ nodes, onDelete }: { nodes: DepartmentNode[]; onDelete?: (node: DepartmentNode) => void }) {
  return (
    <ul className="tree">
      {nodes.map((node) => (
        <li key={node.id}>
          <span>{node.name}</span> <span className="muted">({node.roleName})</span>
          {onDelete ? (
            <button type="button" className="button button--small" onClick={() => onDelete(node)} aria-label={`Delete department ${node.name}`}>
              Delete
            </button>
          ) : null}
          {node.children.length ? <DepartmentTree nodes={node.children} {...(onDelete ? { onDelete } : {})} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Departments, positions and employees in the caller's scope (a manager: their department subtree). */
export function OrganizationPage({ me }: { me: Me }) {
  const [org, setOrg] = useState<Org | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleteMessage, setDeleteMessage] = useState<string | null>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const [departments, positions, employees] = await Promise.all([getDepartmentTree(signal), getPositions(signal), getEmployees(signal)]);
      setOrg({ departments, positions, employees });
    } catch (err) {
      if (!isAbort(err)) setError(describeError(err, "Could not load the organization."));
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
    if (!window.confirm(`Delete ${name}?`)) return;
    setDeleteMessage(null);
    try {
      await deleteOrgItem(kind, id);
      setDeleteMessage(`Deleted ${name}.`);
      await load();
    } catch (err) {
      setDeleteMessage(explainDeleteFailure(err));
    }
  };

  const positionName = new Map(org?.positions.map((position) => [position.id, position.name]));

  return (
    <main className="page page--wide" aria-labelledby="org-title">
      <h1 id="org-title" className="page-title">
        Organization
      </h1>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {deleteMessage ? (
        <p className="notice" role="status" data-testid="delete-result">
          {deleteMessage}
        </p>
      ) : null}
      {!org && !error ? <p className="muted">Loading…</p> : null}
      {org ? (
        <div className="columns">
          <div>
            <section className="card" aria-labelledby="departments-title">
              <h2 id="departments-title" className="card-title">
                Departments
              </h2>
              <DepartmentTree nodes={org.departments} {...(canDelete ? { onDelete: (node: DepartmentNode) => remove("departments", node.id, node.name) } : {})} />
            </section>
            <section className="card" aria-labelledby="positions-title">
              <h2 id="positions-title" className="card-title">
                Positions
              </h2>
              <ul className="plain-list" data-testid="position-list">
                {org.positions.map((position) => (
                  <li key={position.id}>
                    {position.name} <span className="muted">{position.capabilities.join(", ") || "chat only"}</span>
                    {canDelete ? (
                      <button type="button" className="button button--small" onClick={() => remove("positions", position.id, position.name)} aria-label={`Delete position ${position.name}`}>
                        Delete
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
            <CreateEmployeeForm me={me} departments={org.departments} positions={org.positions} onCreated={() => void load()} />
          </div>
          <section className="card" aria-labelledby="employees-title">
            <h2 id="employees-title" className="card-title">
              Employees ({org.employees.length})
            </h2>
            <table className="table" data-testid="employee-list">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Id</th>
                  <th scope="col">Position</th>
                  <th scope="col">Role</th>
                  {canDelete ? (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {org.employees.map((employee) => (
                  <tr key={employee.id} data-testid="employee-row" data-employee-id={employee.id}>
                    <td>
                      {employee.name}
                      {employee.mustChangePassword ? <span className="badge">first sign-in pending</span> : null}
                    </td>
                    <td>{employee.id}</td>
                    <td>{positionName.get(employee.positionId) ?? employee.positionId}</td>
                    <td>{employee.role}</td>
                    {canDelete ? (
                      <td>
                        <button type="button" className="button button--small" onClick={() => remove("employees", employee.id, employee.name)} aria-label={`Delete ${employee.name}`}>
                          Delete
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      ) : null}
    </main>
  );
}

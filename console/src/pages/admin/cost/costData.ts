import type { Budget, BudgetException, BudgetState, DepartmentNode, Employee } from "@clawgate/contracts";
import { getDepartmentTree, getEmployees } from "../../../adminApi.ts";
import { getBudgets, getEmployeeBudgetState, getUsageRollup, type UsageRollup } from "../../../governanceApi.ts";
import { employeesToAsk } from "./budgetStanding.ts";

/** A department with its depth in the tree, for an indented picker. */
export interface DepartmentEntry {
  id: string;
  name: string;
  depth: number;
}

export interface CostData {
  byDepartment: UsageRollup;
  byEmployee: UsageRollup;
  byModel: UsageRollup;
  byDay: UsageRollup;
  budgets: Budget[];
  exceptions: BudgetException[];
  departments: DepartmentEntry[];
  employees: Employee[];
  /** The server's budget state (what the turn path enforces) of each employee who may be near or over a limit. */
  states: Record<string, BudgetState>;
}

function flatten(nodes: DepartmentNode[], depth = 0): DepartmentEntry[] {
  return nodes.flatMap((node) => [{ id: node.id, name: node.name, depth }, ...flatten(node.children, depth + 1)]);
}

/** This month's usage, the budgets and exceptions, the people and departments in scope, and the budget states worth showing. */
export async function loadCostData(signal: AbortSignal): Promise<CostData> {
  const [byDepartment, byEmployee, byModel, byDay, { budgets, exceptions }, tree, employees] = await Promise.all([
    getUsageRollup("department", signal),
    getUsageRollup("employee", signal),
    getUsageRollup("model", signal),
    getUsageRollup("day", signal),
    getBudgets(signal),
    getDepartmentTree(signal),
    getEmployees(signal),
  ]);
  const ids = employeesToAsk(budgets, byEmployee.rows);
  const states = await Promise.all(ids.map((id) => getEmployeeBudgetState(id, signal)));
  return {
    byDepartment,
    byEmployee,
    byModel,
    byDay,
    budgets,
    exceptions,
    departments: flatten(tree),
    employees,
    states: Object.fromEntries(ids.map((id, i) => [id, states[i]!])),
  };
}

/** Names for ids, falling back to the id for what is out of scope or gone. */
export function namesOf(data: Pick<CostData, "departments" | "employees">) {
  const departments = new Map(data.departments.map((d) => [d.id, d.name]));
  const employees = new Map(data.employees.map((e) => [e.id, e.name]));
  return {
    department: (id: string) => departments.get(id) ?? id,
    employee: (id: string) => employees.get(id) ?? id,
  };
}
export type Names = ReturnType<typeof namesOf>;

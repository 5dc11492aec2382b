import type { Me } from "@clawgate/contracts";
import { loadEmployee } from "@clawgate/durable-objects";

/** The signed-in employee as the console sees them. */
export async function me(db: D1Database, employeeId: string, mustChangePassword: boolean): Promise<Me> {
  const employee = await loadEmployee(db, employeeId);
  if (!employee) throw new Error(`employee ${employeeId} vanished`);
  return {
    employeeId: employee.id,
    name: employee.name,
    role: employee.role,
    position: { id: employee.position.id, name: employee.position.name },
    department: employee.department,
    mustChangePassword,
  };
}

import type { CatalogSkill } from "@clawgate/contracts";
import { loadEmployee } from "@clawgate/durable-objects";
import { employeeRoles, skillDenial } from "@clawgate/durable-objects/turn/skill-rules.ts";
import { ApiFailure } from "../http/errors.ts";

/** The roles skill rules match for an employee (access role, department role names, tags, management). */
export async function rolesOf(db: D1Database, employeeId: string): Promise<Set<string>> {
  const employee = await loadEmployee(db, employeeId);
  if (!employee) throw new ApiFailure(404, "not_found", "No such employee.");
  return employeeRoles({ role: employee.role, departmentRoleNames: employee.departmentRoleNames, tags: employee.tags });
}

/**
 * Refuses (422) to request, approve or install a skill the role rules keep from the employee: such a
 * skill would never reach their workspace, and a record saying it was granted must not exist.
 */
export async function assertSkillAdmits(db: D1Database, employeeId: string, skill: CatalogSkill): Promise<void> {
  const denial = skillDenial(skill, await rolesOf(db, employeeId));
  if (denial) throw new ApiFailure(422, "skill_not_allowed", `${skill.name} is not allowed for ${employeeId}: ${denial}. Role rules always win over approvals.`);
}

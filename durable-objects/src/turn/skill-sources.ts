import type { SkillRule } from "./skill-rules.ts";

/**
 * Which catalog skills are offered to an employee, before role rules: those assigned to their
 * position (positions.default_skills) and those installed for them (an approved request or a
 * direct install). The plan then keeps only what the role rules admit (skill-rules.ts), so a
 * skill reaches a workspace only if it is in the catalog AND (assigned OR installed) AND admitted
 * — a blocked role wins over every assignment and approval.
 */
export interface OfferedSkill extends SkillRule {
  description: string;
  sha256: string;
  assigned: boolean;
  installed: boolean;
}

export async function offeredSkills(db: D1Database, positionId: string, employeeId: string): Promise<OfferedSkill[]> {
  const assigned = "s.name IN (SELECT j.value FROM positions p, json_each(p.default_skills) j WHERE p.id = ?1)";
  const installed = "EXISTS (SELECT 1 FROM skill_installs i WHERE i.employee_id = ?2 AND i.skill_name = s.name)";
  const rows = await db
    .prepare(
      `SELECT s.name, s.description, s.sha256, s.allowed_roles, s.blocked_roles, ${assigned} AS assigned, ${installed} AS installed
         FROM skills s WHERE ${assigned} OR ${installed} ORDER BY s.name`,
    )
    .bind(positionId, employeeId)
    .all<{ name: string; description: string; sha256: string; allowed_roles: string; blocked_roles: string; assigned: number; installed: number }>();
  return rows.results.map((r) => ({
    name: r.name,
    description: r.description,
    sha256: r.sha256,
    allowedRoles: JSON.parse(r.allowed_roles) as string[],
    blockedRoles: JSON.parse(r.blocked_roles) as string[],
    assigned: r.assigned === 1,
    installed: r.installed === 1,
  }));
}

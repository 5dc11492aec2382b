/**
 * Skill role rules (demo-org.md): any blocked role denies; `*` or any allowed role admits;
 * otherwise denied. An employee's roles are their access role, the role names of their
 * department and its ancestors, their tags, and `management` for admins and managers.
 */
export interface SkillRule {
  name: string;
  allowedRoles: readonly string[];
  blockedRoles: readonly string[];
}

export function employeeRoles(input: { role: string; departmentRoleNames: readonly string[]; tags: readonly string[] }): Set<string> {
  const roles = new Set<string>([input.role, ...input.departmentRoleNames, ...input.tags]);
  if (input.role === "admin" || input.role === "manager") roles.add("management");
  return roles;
}

export function skillAllowed(rule: SkillRule, roles: ReadonlySet<string>): boolean {
  if (rule.blockedRoles.some((r) => roles.has(r))) return false;
  return rule.allowedRoles.includes("*") || rule.allowedRoles.some((r) => roles.has(r));
}

export function skillsFor<T extends SkillRule>(skills: readonly T[], roles: ReadonlySet<string>): T[] {
  return skills.filter((s) => skillAllowed(s, roles)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Why the rules keep a skill from these roles, for a refusal message; null when they admit them. */
export function skillDenial(rule: SkillRule, roles: ReadonlySet<string>): string | null {
  const blocked = rule.blockedRoles.filter((r) => roles.has(r));
  if (blocked.length) return `it is blocked for ${blocked.join(", ")}`;
  return skillAllowed(rule, roles) ? null : `it is open only to ${rule.allowedRoles.join(", ")}`;
}

import type { GuardrailPolicy } from "@clawgate/contracts";

/** Shape of a demo-organisation seed (local dev only; production never seeds). */

/** Platform tool capabilities; the agent container maps them to OpenClaw tools. */
export type Capability = "web_search" | "shell" | "browser" | "file" | "file_write" | "code_execution";
export const ALL_CAPABILITIES: readonly Capability[] = ["web_search", "shell", "browser", "file", "file_write", "code_execution"];

export interface SeedDepartment {
  id: string;
  name: string;
  parentId: string | null;
  /** Department-derived role name used by skill rules (engineering, devops, qa, sales, csm, product, finance, hr, legal). */
  roleName: string;
}

export interface SeedPosition {
  id: string;
  name: string;
  departmentId: string;
  capabilities: Capability[];
  runtimeId: "rt-standard" | "rt-executive";
  /** Skill names given to everyone in the position (still filtered by the skill's role rules). */
  defaultSkills: string[];
  /** Position layer of SOUL.md (markdown, no layer markers: the assembler adds them). */
  soul: string;
  /** Position layer of AGENTS.md (markdown): how this role works, what to escalate. */
  agents: string;
}

export interface SeedEmployee {
  id: string;
  name: string;
  employeeNumber: string;
  email: string;
  positionId: string;
  departmentId: string;
  role: "admin" | "manager" | "employee";
  tags: string[];
  /** Personal SOUL layer: a few lines in the employee's own voice about how they like to work. */
  personalSoul: string;
}

export interface SeedDocument {
  /** File name inside the KB folder, e.g. `expense-policy.md` ([A-Za-z0-9._-]+\.md). */
  file: string;
  title: string;
  text: string;
}

export interface SeedKnowledgeBase {
  id: string;
  name: string;
  description: string;
  /** `everyone`, or the positions it is assigned to. */
  assignedTo: "everyone" | string[];
  /** Empty for kb-org-directory: its documents are generated from org data. */
  documents: SeedDocument[];
}

export interface SeedSkill {
  name: string;
  /** Semantic version of the package (contracts/src/skills.ts SkillPackageManifest). */
  version: string;
  description: string;
  /** `*` admits everyone; otherwise role names (department-derived, employee/manager/admin, management, tags). */
  allowedRoles: string[];
  blockedRoles: string[];
  /** Platform capabilities the instructions rely on. */
  permissions: Capability[];
  /** Secrets an admin sets for the skill; values are never part of the seed. */
  requiredSecrets: string[];
  /** Full SKILL.md text, starting with YAML frontmatter (name, description). */
  skillMd: string;
}

export interface SeedRuntime {
  id: string;
  name: string;
  kind: "http";
  isDefault: boolean;
  /** Built-in guardrails (edge/src/seed/acme/guardrails.ts); a runtime without them is unguarded. */
  inputGuardrail?: SeedGuardrail;
  outputGuardrail?: SeedGuardrail;
}

export interface SeedGuardrail {
  id: string;
  name: string;
  policy: GuardrailPolicy;
  blockedInputMessage: string;
  blockedOutputMessage: string;
}

export interface SeedOrg {
  company: string;
  departments: SeedDepartment[];
  positions: SeedPosition[];
  employees: SeedEmployee[];
  knowledgeBases: SeedKnowledgeBase[];
  skills: SeedSkill[];
  runtimes: SeedRuntime[];
  globalSoul: string;
  globalAgents: string;
  /** What each person can be asked about, for the generated org directory (employee id → topics). */
  askAbout: Record<string, string>;
}

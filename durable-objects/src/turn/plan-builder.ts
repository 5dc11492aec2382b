import {
  canonicalJson,
  sessionToolPolicy,
  sha256Hex,
  toolPolicyFor,
  WorkspacePlan,
  type AccessPath,
  type KnowledgeDocument,
  type MemoryCheckpoint,
  type WorkspacePlanBody,
} from "@clawgate/contracts";
import { effectiveAgentConfig, planModelConfig } from "./agent-config.ts";
import { assignedKnowledge, currentLayers, pairedChannels, type EmployeeRecord } from "./control-plane.ts";
import { ORG_DIRECTORY_FILE, ORG_DIRECTORY_KB, ORG_DIRECTORY_TITLE, orgDirectoryText } from "./org-directory.ts";
import { sessionContext } from "./session-context.ts";
import { employeeRoles, skillsFor } from "./skill-rules.ts";
import { offeredSkills } from "./skill-sources.ts";

export interface PlanBase {
  body: Omit<WorkspacePlanBody, "memory">;
  /** Texts generated at plan time (directory, USER.md) that are not stored in R2. */
  generated: Map<string, string>;
}

/** Builds the workspace plan (DESIGN §5) for one employee and access path from the control plane. */
export async function buildPlan(db: D1Database, employee: EmployeeRecord, accessPath: AccessPath, memory: MemoryCheckpoint): Promise<WorkspacePlan> {
  return finishPlan((await buildPlanBase(db, employee, accessPath)).body, memory);
}

/** The memory checkpoint changes every turn; the rest only when the config version does, so it is cached apart. */
export async function finishPlan(base: PlanBase["body"], memory: MemoryCheckpoint): Promise<WorkspacePlan> {
  const body: WorkspacePlanBody = { ...base, memory };
  return WorkspacePlan.parse({ ...body, planVersion: await sha256Hex(canonicalJson(body)) });
}

export async function buildPlanBase(db: D1Database, employee: EmployeeRecord, accessPath: AccessPath): Promise<PlanBase> {
  const generated = new Map<string, string>();
  const remember = async (text: string) => {
    const hash = await sha256Hex(text);
    generated.set(hash, text);
    return { sha256: hash };
  };
  const company = (await db.prepare("SELECT value FROM settings WHERE key = 'company_name'").first<{ value: string }>())?.value ?? "the company";
  const [layers, kbRows, offered, agentConfig, channels] = await Promise.all([
    currentLayers(db, employee.position.id, employee.id),
    assignedKnowledge(db, employee.position.id, employee.id),
    offeredSkills(db, employee.position.id, employee.id),
    effectiveAgentConfig(db, { id: employee.id, positionId: employee.position.id, language: employee.language }),
    pairedChannels(db, employee.id),
  ]);
  if (!layers.soul.global || !layers.agents.global) throw new Error("the global SOUL and AGENTS layers are not configured");

  const knowledge: KnowledgeDocument[] = [];
  for (const row of kbRows) {
    if (row.generated && row.kb_id === ORG_DIRECTORY_KB) {
      const text = await orgDirectoryText(db, company);
      knowledge.push({ kbId: row.kb_id, name: row.kb_name, title: ORG_DIRECTORY_TITLE, path: `knowledge/${row.kb_id}/${ORG_DIRECTORY_FILE}`, ...(await remember(text)) });
    } else if (row.file && row.sha256 && row.title) {
      knowledge.push({ kbId: row.kb_id, name: row.kb_name, title: row.title, path: `knowledge/${row.kb_id}/${row.file}`, sha256: row.sha256 });
    }
  }

  const roles = employeeRoles({ role: employee.role, departmentRoleNames: employee.departmentRoleNames, tags: employee.tags });
  // Catalog skills assigned to the position or installed for the employee, kept only where the role rules admit them.
  const skills = skillsFor(offered, roles).map(({ name, description, sha256 }) => ({ name, description, sha256 }));

  const user = await remember(
    [`# USER`, "", `- Name: ${employee.name}`, `- Position: ${employee.position.name}, ${employee.department.name}`, `- Email: ${employee.email}`, `- Preferred language: ${employee.language}`, ""].join("\n"),
  );

  const body: PlanBase["body"] = {
    schemaVersion: 1,
    identity: {
      employeeId: employee.id,
      name: employee.name,
      employeeNumber: employee.employeeNumber,
      email: employee.email,
      position: { id: employee.position.id, name: employee.position.name },
      department: employee.department,
      company,
    },
    accessPath,
    sessionContext: sessionContext(accessPath, employee.name, employee.position.name),
    soul: {
      global: { sha256: layers.soul.global },
      position: layers.soul.position ? { sha256: layers.soul.position } : null,
      personal: layers.soul.personal ? { sha256: layers.soul.personal } : null,
    },
    agents: { global: { sha256: layers.agents.global }, position: layers.agents.position ? { sha256: layers.agents.position } : null },
    user,
    knowledge,
    skills,
    // Twin sessions are clamped here and again by the runtime: a public visitor gets read-only tools.
    tools: sessionToolPolicy(accessPath, toolPolicyFor(employee.position.capabilities)),
    // Employee overrides beat position overrides beat the defaults (turn/agent-config.ts).
    model: planModelConfig(agentConfig),
    channels,
  };
  return { body, generated };
}

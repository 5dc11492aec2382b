import { z } from "zod";
import { AccessPath, Sha256 } from "./common.ts";

/** A content blob referenced by hash; the text is pushed separately, only when the runtime lacks it. */
export const BlobRef = z.object({ sha256: Sha256 });
export type BlobRef = z.infer<typeof BlobRef>;

export const Identity = z.object({
  employeeId: z.string().min(1),
  name: z.string().min(1),
  employeeNumber: z.string().min(1),
  email: z.string().email(),
  position: z.object({ id: z.string(), name: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }),
  company: z.string().min(1),
});
export type Identity = z.infer<typeof Identity>;

export const KnowledgeDocument = z.object({
  kbId: z.string(),
  name: z.string(),
  title: z.string(),
  /** Workspace-relative path, always under `knowledge/<kbId>/`. */
  path: z.string().regex(/^knowledge\/[a-z0-9-]+\/[A-Za-z0-9._-]+\.md$/),
  sha256: Sha256,
});
export type KnowledgeDocument = z.infer<typeof KnowledgeDocument>;

export const SkillManifest = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string(),
  /** SHA-256 of the SKILL.md text. */
  sha256: Sha256,
});
export type SkillManifest = z.infer<typeof SkillManifest>;

export const ToolPolicy = z.object({
  /** Platform capabilities of the position (shell, file, file_write, web_search, browser, code_execution). */
  capabilities: z.array(z.string()),
  /** OpenClaw tools the agent may call without restriction. Everything else is denied. */
  allow: z.array(z.string()),
  /** OpenClaw tools the agent may call only on its own memory files (MEMORY.md, USER.md, memory/). */
  memoryScoped: z.array(z.string()),
});
export type ToolPolicy = z.infer<typeof ToolPolicy>;

export const ModelProvider = z.enum(["default", "offline", "bedrock", "openai"]);
export type ModelProvider = z.infer<typeof ModelProvider>;

export const ModelConfig = z.object({
  /** `default` lets the runtime pick from its own environment (Bedrock, OpenAI-compatible, else offline). */
  provider: ModelProvider,
  modelId: z.string().nullable(),
  maxTokens: z.number().int().positive(),
  contextWindow: z.number().int().positive(),
  compaction: z.enum(["default", "safeguard"]),
  language: z.string().min(2),
});
export type ModelConfig = z.infer<typeof ModelConfig>;

export const MemoryFile = z.object({
  path: z.string().regex(/^(MEMORY\.md|USER\.md|HEARTBEAT\.md|memory\/[A-Za-z0-9._-]+\.md)$/),
  sha256: Sha256,
});
export type MemoryFile = z.infer<typeof MemoryFile>;

export const MemoryCheckpoint = z.object({
  /** R2 key of the checkpoint manifest, null before the first turn wrote memory. */
  path: z.string().nullable(),
  sha256: Sha256.nullable(),
  files: z.array(MemoryFile),
});
export type MemoryCheckpoint = z.infer<typeof MemoryCheckpoint>;

export const ChannelBinding = z.object({ channel: z.string(), handle: z.string() });

/** The workspace plan (DESIGN §5): the edge decides what the agent is; the runtime only materialises it. */
export const WorkspacePlanBody = z.object({
  schemaVersion: z.literal(1),
  identity: Identity,
  accessPath: AccessPath,
  sessionContext: z.string(),
  soul: z.object({ global: BlobRef, position: BlobRef.nullable(), personal: BlobRef.nullable() }),
  agents: z.object({ global: BlobRef, position: BlobRef.nullable() }),
  user: BlobRef.nullable(),
  knowledge: z.array(KnowledgeDocument),
  skills: z.array(SkillManifest),
  tools: ToolPolicy,
  model: ModelConfig,
  channels: z.array(ChannelBinding),
  memory: MemoryCheckpoint,
});
export type WorkspacePlanBody = z.infer<typeof WorkspacePlanBody>;

export const WorkspacePlan = WorkspacePlanBody.extend({
  /** SHA-256 of the canonical JSON of every other field. */
  planVersion: Sha256,
});
export type WorkspacePlan = z.infer<typeof WorkspacePlan>;

/** Every blob hash a plan references; the runtime must hold all of them before it can assemble. */
export function planBlobHashes(plan: WorkspacePlanBody): string[] {
  const refs = [
    plan.soul.global.sha256,
    plan.soul.position?.sha256,
    plan.soul.personal?.sha256,
    plan.agents.global.sha256,
    plan.agents.position?.sha256,
    plan.user?.sha256,
    ...plan.knowledge.map((k) => k.sha256),
    ...plan.skills.map((s) => s.sha256),
    ...plan.memory.files.map((f) => f.sha256),
  ];
  return [...new Set(refs.filter((r): r is string => typeof r === "string"))];
}

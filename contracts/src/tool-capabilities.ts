import type { AccessPath } from "./common.ts";

/**
 * Platform capabilities → OpenClaw tool names (OpenClaw 2026.9.x). An allowlist: any tool not
 * produced here is denied, which stays safe when an OpenClaw upgrade adds tools.
 */
export const CAPABILITY_TOOLS: Readonly<Record<string, readonly string[]>> = {
  shell: ["exec", "process"],
  file: ["read"],
  file_write: ["write", "edit", "apply_patch"],
  web_search: ["web_search", "web_fetch"],
  browser: ["browser"],
  code_execution: ["code_execution"],
};

/**
 * Every agent can search and read its memory, and `read` its own workspace: skills are loaded by
 * reading their SKILL.md and knowledge by reading its file, so without `read` neither works. The
 * runtime confines `read` to the session workspace (OpenClaw `tools.fs.workspaceOnly` and the model
 * proxy), which is why granting it to every position exposes nothing beyond what the plan put there.
 * `automations` is OpenClaw's scheduler tool (its legacy name is `cron`): jobs it records are only
 * harvested into the employee's schedules, since the in-gateway scheduler never runs them.
 */
export const ALWAYS_ALLOWED_TOOLS: readonly string[] = ["memory_search", "memory_get", "read", "automations"];

/**
 * What a twin session may use at most: a public visitor talks to it, so it only reads (memory and
 * its workspace) and never writes memory, runs anything or reaches the network.
 */
export const TWIN_TOOLS: readonly string[] = ["memory_search", "memory_get", "read"];

/** Tools every agent may use on its own memory files only (MEMORY.md, USER.md, memory/), whatever its capabilities. */
export const MEMORY_WRITE_TOOLS: readonly string[] = ["write", "edit"];

/** Files and folders a memory-scoped tool call may touch. */
export function isMemoryPath(path: string): boolean {
  const normalised = path.replace(/^\.\//, "");
  if (normalised.includes("..") || normalised.startsWith("/")) return false;
  return (
    normalised === "MEMORY.md" ||
    normalised === "USER.md" ||
    normalised === "HEARTBEAT.md" ||
    /^memory\/[A-Za-z0-9._-]+\.md$/.test(normalised)
  );
}

export interface ResolvedToolPolicy {
  capabilities: string[];
  allow: string[];
  memoryScoped: string[];
}

/**
 * The policy a session actually gets: the position's policy, clamped for twin sessions to
 * TWIN_TOOLS with no memory writes and no capabilities. Clamping only removes, so applying it
 * twice (the edge when it builds the plan, the runtime when it runs one) changes nothing.
 */
export function sessionToolPolicy(accessPath: AccessPath, policy: ResolvedToolPolicy): ResolvedToolPolicy {
  if (accessPath !== "twin") return policy;
  return { capabilities: [], allow: policy.allow.filter((tool) => TWIN_TOOLS.includes(tool)), memoryScoped: [] };
}

export function toolPolicyFor(capabilities: readonly string[]): ResolvedToolPolicy {
  const allow = new Set<string>(ALWAYS_ALLOWED_TOOLS);
  for (const capability of capabilities) for (const tool of CAPABILITY_TOOLS[capability] ?? []) allow.add(tool);
  const memoryScoped = MEMORY_WRITE_TOOLS.filter((tool) => !allow.has(tool));
  return { capabilities: [...capabilities].sort(), allow: [...allow].sort(), memoryScoped };
}

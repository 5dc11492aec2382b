import { isMemoryPath, type ToolPolicy } from "@clawgate/contracts";
import type { ToolCall, ToolDefinition } from "./types.ts";
import { plainRelative, workspaceRelative } from "./workspace-paths.ts";

/** A session's tool policy as the proxy enforces it: the plan's policy plus where its workspace is. */
export interface SessionToolPolicy extends ToolPolicy {
  /** Absolute path of the session workspace; file paths in tool calls must land inside it. */
  workspace?: string;
}

/** Tools that take a file path; OpenClaw resolves it against the workspace. */
const PATH_TOOLS = new Set(["read", "write", "edit"]);

/** Only tools the policy grants are ever offered to the model. */
export function offeredTools(tools: readonly ToolDefinition[] | undefined, policy: ToolPolicy): ToolDefinition[] {
  const granted = new Set([...policy.allow, ...policy.memoryScoped]);
  return (tools ?? []).filter((t) => granted.has(t.function.name));
}

export type CallVerdict = { allowed: true; args: Record<string, unknown> } | { allowed: false; args: Record<string, unknown>; reason: string };

/**
 * The proxy's check of a call the model made, whatever the gateway would have done with it:
 * the tool must be granted, file tools must stay inside the session workspace (memory-scoped ones
 * inside its memory files), and exec may not pick a working directory outside it.
 */
export function judgeToolCall(call: ToolCall, policy: SessionToolPolicy): CallVerdict {
  const name = call.function.name;
  let args: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(call.function.arguments || "{}");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
  } catch {
    return { allowed: false, args, reason: "arguments are not valid JSON" };
  }
  const where = (path: string) => (policy.workspace ? workspaceRelative(policy.workspace, path) : plainRelative(path));
  // Judged by the argument OpenClaw executes when aliases disagree.
  const path = args.path ?? args.file_path ?? args.filePath;

  if (policy.allow.includes(name)) {
    if (PATH_TOOLS.has(name) && path !== undefined && (typeof path !== "string" || where(path) === null)) {
      return { allowed: false, args, reason: `${name} is limited to this session's workspace` };
    }
    if (name === "exec" && args.workdir !== undefined && (typeof args.workdir !== "string" || where(args.workdir) === null)) {
      return { allowed: false, args, reason: "exec may only run inside this session's workspace" };
    }
    return { allowed: true, args };
  }
  if (policy.memoryScoped.includes(name)) {
    const target = typeof path === "string" ? where(path) : null;
    if (target !== null && isMemoryPath(target)) return { allowed: true, args };
    return { allowed: false, args, reason: `${name} is limited to memory files for this position` };
  }
  return { allowed: false, args, reason: `${name} is not permitted for this position` };
}

/** Audit-safe summary of tool arguments: short scalars only, no file contents. */
export function summariseArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (["content", "text", "new_string", "old_string", "patch", "input"].includes(key)) continue;
    if (typeof value === "string") out[key] = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    else if (typeof value === "number" || typeof value === "boolean") out[key] = value;
  }
  return out;
}

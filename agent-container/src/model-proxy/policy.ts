import { isMemoryPath, type ToolPolicy } from "@clawgate/contracts";
import type { ToolCall, ToolDefinition } from "./types.ts";

/** Only tools the policy grants are ever offered to the model. */
export function offeredTools(tools: readonly ToolDefinition[] | undefined, policy: ToolPolicy): ToolDefinition[] {
  const granted = new Set([...policy.allow, ...policy.memoryScoped]);
  return (tools ?? []).filter((t) => granted.has(t.function.name));
}

export type CallVerdict = { allowed: true; args: Record<string, unknown> } | { allowed: false; args: Record<string, unknown>; reason: string };

/** The proxy's check of a call the model made, whatever the gateway would have done with it. */
export function judgeToolCall(call: ToolCall, policy: ToolPolicy): CallVerdict {
  const name = call.function.name;
  let args: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(call.function.arguments || "{}");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
  } catch {
    return { allowed: false, args, reason: "arguments are not valid JSON" };
  }
  if (policy.allow.includes(name)) return { allowed: true, args };
  if (policy.memoryScoped.includes(name)) {
    const path = args.path ?? args.file_path ?? args.filePath;
    if (typeof path === "string" && isMemoryPath(path)) return { allowed: true, args };
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

import type { AssistantProviderName } from "@clawgate/contracts";

/** A tool the model asked for; `id` pairs it with its result (Bedrock toolUseId, OpenAI tool_call_id). */
export interface ToolUse {
  id: string;
  name: string;
  args: unknown;
}

export type ToolOutcome =
  | { ok: true; data: unknown }
  /** `refused` is a reason code for the audit (global_soul, invalid_arguments, unknown_tool); `status` the API's answer. */
  | { ok: false; error: string; refused?: string; status?: number };

export interface ToolResult {
  id: string;
  name: string;
  outcome: ToolOutcome;
}

/** The provider-neutral conversation the loop keeps; each provider translates it to its own wire format. */
export type ConversationTurn =
  | { role: "user"; text: string }
  | { role: "assistant"; text: string; toolUses: ToolUse[] }
  | { role: "tool"; results: ToolResult[] };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments (an object schema). */
  parameters: Record<string, unknown>;
}

export interface ProviderStep {
  text: string;
  toolUses: ToolUse[];
}

export interface AssistantProvider {
  readonly name: AssistantProviderName;
  next(request: { system: string; turns: ConversationTurn[]; tools: ToolSpec[] }): Promise<ProviderStep>;
}

/** The model endpoint failed or answered something unusable: the chat answers 502. */
export class ProviderError extends Error {}

import type { AssistantToolCall } from "@clawgate/contracts";
import type { CallerApi } from "./caller-api.ts";
import { ASSISTANT_TOOL_SPECS, runTool } from "./tools.ts";
import type { AssistantProvider, ConversationTurn, ToolOutcome, ToolResult } from "./types.ts";

/** Rounds of tool calls per message; past this the loop stops and says so instead of spinning. */
export const MAX_TOOL_ROUNDS = 6;

/** Calls per round: a model asking for more gets the rest refused, so one message stays bounded. */
const MAX_CALLS_PER_ROUND = 8;

export const ASSISTANT_SYSTEM_PROMPT = [
  "You are ClawGate's IT admin assistant. You help an administrator inspect and adjust the company's AI agents.",
  "Use the tools to look things up; never invent employees, ids or figures. Tools run with the administrator's own permissions.",
  "You may change a position's or an employee's personal SOUL layer when asked; you can never change the global SOUL.",
  "Answer briefly and plainly. If a tool fails or is refused, say so.",
].join("\n");

export interface AssistantRun {
  reply: string;
  toolCalls: AssistantToolCall[];
}

export interface LoopOptions {
  provider: AssistantProvider;
  /** Earlier messages of this admin's conversation, oldest first (text only). */
  history: ConversationTurn[];
  message: string;
  api: CallerApi;
  /** Called once per tool call, before the next round: the route audits it. */
  onToolCall: (tool: string, outcome: ToolOutcome) => Promise<void>;
}

/**
 * The tool loop, run at the edge: ask the model, run the tools it asks for through the API as the
 * caller, feed the results back, until it answers in text or MAX_TOOL_ROUNDS is reached.
 */
export async function runAssistant(options: LoopOptions): Promise<AssistantRun> {
  const turns: ConversationTurn[] = [...options.history, { role: "user", text: options.message }];
  const toolCalls: AssistantToolCall[] = [];
  for (let round = 0; round < MAX_TOOL_ROUNDS; round++) {
    const step = await options.provider.next({ system: ASSISTANT_SYSTEM_PROMPT, turns, tools: ASSISTANT_TOOL_SPECS });
    if (step.toolUses.length === 0) return { reply: step.text, toolCalls };
    turns.push({ role: "assistant", text: step.text, toolUses: step.toolUses });
    const results: ToolResult[] = [];
    for (const [index, use] of step.toolUses.entries()) {
      const outcome: ToolOutcome =
        index < MAX_CALLS_PER_ROUND ? await runTool(use.name, use.args, options.api) : { ok: false, error: `at most ${MAX_CALLS_PER_ROUND} tool calls per round`, refused: "too_many_calls" };
      await options.onToolCall(use.name, outcome);
      toolCalls.push(outcome.ok ? { tool: use.name, ok: true } : { tool: use.name, ok: false, error: outcome.error });
      results.push({ id: use.id, name: use.name, outcome });
    }
    turns.push({ role: "tool", results });
  }
  return { reply: `I stopped after ${MAX_TOOL_ROUNDS} rounds of tool calls without a final answer. Try a narrower question.`, toolCalls };
}

/** A tool's result as the model reads it: bounded, so one large listing cannot flood the context. */
export function resultForModel(outcome: ToolOutcome, maxChars = 12_000): { ok: boolean; json: Record<string, unknown> } {
  if (!outcome.ok) return { ok: false, json: { error: outcome.error } };
  const text = JSON.stringify(outcome.data);
  if (text.length <= maxChars) return { ok: true, json: { result: outcome.data } };
  return { ok: true, json: { truncated: true, resultPrefix: text.slice(0, maxChars) } };
}

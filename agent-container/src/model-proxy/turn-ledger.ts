import type { ToolEvent, Usage } from "@clawgate/contracts";
import type { SessionToolPolicy } from "./policy.ts";

export interface TurnRecord {
  policy: SessionToolPolicy;
  toolEvents: ToolEvent[];
  inputTokens: number;
  outputTokens: number;
  model: string | null;
  onTool?: (event: ToolEvent) => void;
}

/**
 * What the proxy learns about each session agent's current turn: its tool policy (the proxy's
 * own enforcement point), every tool call and denial, and exact token usage. Keyed by agent id,
 * which is also the model name OpenClaw sends for that agent. A session runs one turn at a time.
 */
export class TurnLedger {
  readonly #turns = new Map<string, TurnRecord>();
  readonly #policies = new Map<string, SessionToolPolicy>();

  begin(agentId: string, policy: SessionToolPolicy, onTool?: (event: ToolEvent) => void): void {
    this.#policies.set(agentId, policy);
    this.#turns.set(agentId, { policy, toolEvents: [], inputTokens: 0, outputTokens: 0, model: null, ...(onTool ? { onTool } : {}) });
  }

  /** The policy for a model call; unknown agents get nothing (deny everything). */
  policyFor(agentId: string): SessionToolPolicy {
    return this.#policies.get(agentId) ?? { capabilities: [], allow: [], memoryScoped: [] };
  }

  recordTool(agentId: string, event: ToolEvent): void {
    const turn = this.#turns.get(agentId);
    if (!turn) return;
    turn.toolEvents.push(event);
    turn.onTool?.(event);
  }

  recordUsage(agentId: string, inputTokens: number, outputTokens: number, model: string): void {
    const turn = this.#turns.get(agentId);
    if (!turn) return;
    turn.inputTokens += inputTokens;
    turn.outputTokens += outputTokens;
    turn.model = model;
  }

  end(agentId: string, fallbackModel: string): { usage: Usage; toolEvents: ToolEvent[] } {
    const turn = this.#turns.get(agentId);
    this.#turns.delete(agentId);
    return {
      usage: { inputTokens: turn?.inputTokens ?? 0, outputTokens: turn?.outputTokens ?? 0, model: turn?.model ?? fallbackModel },
      toolEvents: turn?.toolEvents ?? [],
    };
  }
}

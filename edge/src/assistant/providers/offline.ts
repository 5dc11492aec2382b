import type { AssistantProvider, ConversationTurn, ProviderStep, ToolResult } from "../types.ts";
import { offlinePlan } from "./offline-intents.ts";
import { summarise } from "./offline-summaries.ts";

export const OFFLINE_LABEL = "[Offline assistant — no model configured; I understand a few fixed requests.]";

const HELP = [
  "Try: “list employees in Finance”, “show usage”, “service health”, “read the SOUL of pos-fa”,",
  "“update the personal SOUL of emp-carol to …”, “agent detail of emp-carol”, “audit”, “IM bindings”, “departments”.",
].join(" ");

/**
 * The deterministic stand-in for a model (DESIGN §7): it maps simple requests to the same tool
 * calls a model would make, runs through the same loop, API and audit, and says it is offline.
 */
export class OfflineProvider implements AssistantProvider {
  readonly name = "offline" as const;

  async next(request: { turns: ConversationTurn[] }): Promise<ProviderStep> {
    const lastUser = request.turns.findLastIndex((t) => t.role === "user");
    const ask = (request.turns[lastUser] as { text: string } | undefined)?.text ?? "";
    const results: ToolResult[] = request.turns.slice(lastUser + 1).flatMap((t) => (t.role === "tool" ? t.results : []));
    const plan = offlinePlan(ask, results);
    if (plan.call) return { text: "", toolUses: [plan.call] };
    const body = plan.understood ? (results.length ? results.map(summarise).join("\n\n") : "I could not find what that refers to.") : `I did not understand that. ${HELP}`;
    return { text: `${OFFLINE_LABEL}\n${body}`, toolUses: [] };
  }
}

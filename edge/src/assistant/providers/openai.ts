/** An OpenAI-compatible chat/completions endpoint with function tools. */
import { resultForModel } from "../loop.ts";
import { ProviderError, type AssistantProvider, type ConversationTurn, type ProviderStep, type ToolSpec } from "../types.ts";

export interface OpenAiOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
}

interface ChatCompletion {
  choices?: { message?: { content?: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[] } }[];
}

function toMessages(system: string, turns: ConversationTurn[]) {
  const messages: Record<string, unknown>[] = [{ role: "system", content: system }];
  for (const turn of turns) {
    if (turn.role === "user") messages.push({ role: "user", content: turn.text });
    else if (turn.role === "assistant") {
      const tool_calls = turn.toolUses.map((use) => ({ id: use.id, type: "function", function: { name: use.name, arguments: JSON.stringify(use.args ?? {}) } }));
      messages.push({ role: "assistant", content: turn.text || null, ...(tool_calls.length ? { tool_calls } : {}) });
    } else for (const result of turn.results) messages.push({ role: "tool", tool_call_id: result.id, content: JSON.stringify(resultForModel(result.outcome).json) });
  }
  return messages;
}

/** Arguments arrive as a JSON string; an unparsable one becomes a value the tool's schema refuses. */
function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw || "{}");
  } catch {
    return { unparsable: raw.slice(0, 200) };
  }
}

export class OpenAiProvider implements AssistantProvider {
  readonly name = "openai" as const;
  readonly #options: OpenAiOptions;

  constructor(options: OpenAiOptions) {
    this.#options = options;
  }

  async next(request: { system: string; turns: ConversationTurn[]; tools: ToolSpec[] }): Promise<ProviderStep> {
    const { baseUrl, apiKey, model } = this.#options;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const body = {
      model,
      messages: toMessages(request.system, request.turns),
      tools: request.tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } })),
    };
    let res: Response;
    try {
      res = await fetch(`${baseUrl.replace(/\/$/, "")}/chat/completions`, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.#options.timeoutMs ?? 30_000) });
    } catch (error) {
      throw new ProviderError(`OpenAI-compatible endpoint unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!res.ok) throw new ProviderError(`OpenAI-compatible endpoint answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const message = ((await res.json()) as ChatCompletion).choices?.[0]?.message;
    if (!message) throw new ProviderError("OpenAI-compatible endpoint answered without a choice");
    return {
      text: message.content ?? "",
      toolUses: (message.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, args: parseArguments(call.function.arguments) })),
    };
  }
}

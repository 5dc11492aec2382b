/** Bedrock Converse with tool use, SigV4-signed with aws4fetch (signing service `bedrock`). */
import { AwsClient } from "aws4fetch";
import { resultForModel } from "../loop.ts";
import { ProviderError, type AssistantProvider, type ConversationTurn, type ProviderStep, type ToolSpec } from "../types.ts";

export interface BedrockOptions {
  modelId: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  timeoutMs?: number;
}

type ContentBlock =
  | { text: string }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: [{ json: Record<string, unknown> }]; status: "success" | "error" } };

interface ConverseResponse {
  output?: { message?: { content?: ContentBlock[] } };
}

function toMessages(turns: ConversationTurn[]) {
  return turns.map((turn) => {
    if (turn.role === "user") return { role: "user", content: [{ text: turn.text }] };
    if (turn.role === "assistant") {
      // Converse refuses empty text blocks, so an assistant turn that only called tools has none.
      const content: ContentBlock[] = turn.text ? [{ text: turn.text }] : [];
      for (const use of turn.toolUses) content.push({ toolUse: { toolUseId: use.id, name: use.name, input: use.args ?? {} } });
      return { role: "assistant", content };
    }
    const content = turn.results.map((result): ContentBlock => {
      const { ok, json } = resultForModel(result.outcome);
      return { toolResult: { toolUseId: result.id, content: [{ json }], status: ok ? "success" : "error" } };
    });
    return { role: "user", content };
  });
}

export class BedrockProvider implements AssistantProvider {
  readonly name = "bedrock" as const;
  readonly #options: BedrockOptions;
  readonly #aws: AwsClient;

  constructor(options: BedrockOptions) {
    this.#options = options;
    this.#aws = new AwsClient({ ...options.credentials, service: "bedrock", region: options.region, retries: 1 });
  }

  async next(request: { system: string; turns: ConversationTurn[]; tools: ToolSpec[] }): Promise<ProviderStep> {
    const { modelId, region } = this.#options;
    const url = `https://bedrock-runtime.${region}.amazonaws.com/model/${encodeURIComponent(modelId)}/converse`;
    const body = {
      system: [{ text: request.system }],
      messages: toMessages(request.turns),
      toolConfig: { tools: request.tools.map((t) => ({ toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.parameters } } })) },
      inferenceConfig: { maxTokens: 1024 },
    };
    let res: Response;
    try {
      res = await this.#aws.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(this.#options.timeoutMs ?? 30_000) });
    } catch (error) {
      throw new ProviderError(`Bedrock Converse unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!res.ok) throw new ProviderError(`Bedrock Converse answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const content = ((await res.json()) as ConverseResponse).output?.message?.content ?? [];
    const step: ProviderStep = { text: "", toolUses: [] };
    for (const block of content) {
      if ("text" in block) step.text += block.text;
      else if ("toolUse" in block) step.toolUses.push({ id: block.toolUse.toolUseId, name: block.toolUse.name, args: block.toolUse.input });
    }
    return step;
  }
}

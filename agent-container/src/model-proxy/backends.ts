import type { ModelConfig } from "@clawgate/contracts";
import type { ModelEnvironment } from "../config.ts";
import { OfflineBackend } from "./offline/offline-backend.ts";
import { BedrockBackend } from "./providers/bedrock.ts";
import { OpenAICompatibleBackend } from "./providers/openai.ts";
import type { ModelBackend } from "./types.ts";

/**
 * Which model answers a session: the plan may pin the offline model or a model id; otherwise the
 * container's environment decides (Bedrock, an OpenAI-compatible endpoint, else offline).
 */
export function selectBackend(environment: ModelEnvironment, model: ModelConfig | null): ModelBackend {
  if (model?.provider === "offline" || environment.provider === "offline") return new OfflineBackend();
  if (environment.provider === "bedrock") {
    return new BedrockBackend({
      region: environment.region,
      modelId: model?.modelId ?? environment.modelId,
      endpoint: environment.endpointUrl,
      credentials: environment.credentials,
      ...(model ? { maxTokens: model.maxTokens } : {}),
      ...(environment.guardrail ? { guardrail: environment.guardrail } : {}),
    });
  }
  return new OpenAICompatibleBackend({
    baseUrl: environment.baseUrl,
    model: model?.modelId ?? environment.model,
    ...(environment.apiKey ? { apiKey: environment.apiKey } : {}),
  });
}

import type { Env } from "@clawgate/durable-objects";
import type { AssistantProvider } from "../types.ts";
import { BedrockProvider } from "./bedrock.ts";
import { OfflineProvider } from "./offline.ts";
import { OpenAiProvider } from "./openai.ts";

/** Worker vars of the assistant (wrangler.toml [vars]; the API key a Worker secret). */
export interface AssistantVars {
  /** Bedrock model id (or inference profile) for Converse; with the OpenAI endpoint, its model name. */
  ASSISTANT_MODEL_ID?: string;
  /** Region of Bedrock Converse; default us-east-1. */
  ASSISTANT_BEDROCK_REGION?: string;
  ASSISTANT_OPENAI_BASE_URL?: string;
  ASSISTANT_OPENAI_API_KEY?: string;
}

/** The OpenAI-compatible endpoint when one is set, else Bedrock when a model and AWS credentials are, else offline. */
export function assistantProvider(env: Env & AssistantVars): AssistantProvider {
  if (env.ASSISTANT_OPENAI_BASE_URL && env.ASSISTANT_MODEL_ID) {
    return new OpenAiProvider({ baseUrl: env.ASSISTANT_OPENAI_BASE_URL, apiKey: env.ASSISTANT_OPENAI_API_KEY, model: env.ASSISTANT_MODEL_ID });
  }
  if (env.ASSISTANT_MODEL_ID && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return new BedrockProvider({
      modelId: env.ASSISTANT_MODEL_ID,
      region: env.ASSISTANT_BEDROCK_REGION ?? "us-east-1",
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN },
    });
  }
  return new OfflineProvider();
}

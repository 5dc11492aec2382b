import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { awsCredentialChain, type CredentialProvider } from "./model-proxy/providers/aws-credentials.ts";

export interface ContainerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Shared secret for the plain HTTP runtime; when unset (AgentCore, which authenticates with SigV4) no HMAC is required. */
  hmacSecret: string | null;
  gatewayPort: number;
  proxyPort: number;
  /** Random per boot: the gateway and the proxy listen on loopback only and trust only these. */
  gatewayToken: string;
  proxyToken: string;
  model: ModelEnvironment;
}

export type ModelEnvironment =
  | { provider: "offline" }
  | {
      provider: "bedrock";
      region: string;
      modelId: string;
      /** BEDROCK_ENDPOINT_URL (a VPC endpoint, a test double) or the public regional endpoint. */
      endpointUrl: string;
      /** One chain per container, so that every session shares its cache and refreshes. */
      credentials: CredentialProvider;
      guardrail?: { id: string; version: string };
    }
  | { provider: "openai"; baseUrl: string; apiKey?: string; model: string };

export function modelEnvironment(env: NodeJS.ProcessEnv): ModelEnvironment {
  if (env.BEDROCK_MODEL_ID) {
    const guardrail = env.BEDROCK_GUARDRAIL_ID
      ? { id: env.BEDROCK_GUARDRAIL_ID, version: env.BEDROCK_GUARDRAIL_VERSION ?? "DRAFT" }
      : undefined;
    const region = env.BEDROCK_REGION ?? env.AWS_REGION ?? "us-east-1";
    return {
      provider: "bedrock",
      region,
      modelId: env.BEDROCK_MODEL_ID,
      endpointUrl: (env.BEDROCK_ENDPOINT_URL || `https://bedrock-runtime.${region}.amazonaws.com`).replace(/\/+$/, ""),
      credentials: awsCredentialChain(env),
      ...(guardrail ? { guardrail } : {}),
    };
  }
  if (env.OPENAI_BASE_URL) {
    return {
      provider: "openai",
      baseUrl: env.OPENAI_BASE_URL.replace(/\/$/, ""),
      ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
      model: env.OPENAI_MODEL ?? "gpt-4o-mini",
    };
  }
  return { provider: "offline" };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ContainerConfig {
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? "0.0.0.0",
    dataDir: resolve(env.CLAWGATE_DATA_DIR ?? "/tmp/clawgate-agent"),
    hmacSecret: env.CLAWGATE_RUNTIME_SECRET || null,
    gatewayPort: Number(env.OPENCLAW_GATEWAY_PORT ?? 18789),
    proxyPort: Number(env.CLAWGATE_PROXY_PORT ?? 18790),
    gatewayToken: randomBytes(24).toString("hex"),
    proxyToken: randomBytes(24).toString("hex"),
    model: modelEnvironment(env),
  };
}

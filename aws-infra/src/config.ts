/**
 * The deploy-time settings of the ClawGate AWS stacks, read from CDK context (`cdk.json` or
 * `-c key=value`) and validated here, so a typo fails the synth with a message naming the key
 * instead of deploying something nobody asked for.
 */
import { z } from "zod";

export const RUNTIME_KINDS = ["standard", "executive"] as const;
export type RuntimeKind = (typeof RUNTIME_KINDS)[number];

/** A Bedrock model id, an inference profile id (us.…, eu.…, global.…) — what BEDROCK_MODEL_ID takes. */
const ModelId = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/, "a Bedrock model or inference profile id such as us.anthropic.claude-sonnet-4-5-20250929-v1:0");

/** AgentCore accepts 60 s to 8 h for both settings on microVM runtimes. */
const LifecycleSeconds = z.coerce.number().int().min(60).max(28_800);

export const Lifecycle = z
  .object({ idleTimeoutSeconds: LifecycleSeconds, maxLifetimeSeconds: LifecycleSeconds })
  .refine((l) => l.idleTimeoutSeconds <= l.maxLifetimeSeconds, { message: "the idle timeout must not exceed the max lifetime", path: ["idleTimeoutSeconds"] });
export type Lifecycle = z.infer<typeof Lifecycle>;

export const RuntimeSettings = z.object({ modelId: ModelId, lifecycle: Lifecycle });
export type RuntimeSettings = z.infer<typeof RuntimeSettings>;

/** CloudWatch Logs accepts only these retention periods. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
const RetentionDays = z.coerce
  .number()
  .int()
  .refine((days) => (RETENTION_DAYS as readonly number[]).includes(days), `one of CloudWatch Logs' retention periods: ${RETENTION_DAYS.join(", ")}`);

const Cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "an IPv4 CIDR such as 203.0.113.0/24");

export const AlwaysOnSettings = z.object({
  /** Which runtime's image, model and guardrail the always-on service runs. */
  runtime: z.enum(RUNTIME_KINDS),
  /** ACM certificate for the HTTPS listener: the edge only calls https runtime URLs. */
  certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, "an ACM certificate ARN"),
  desiredCount: z.coerce.number().int().min(1).max(20),
  /** Who may open a TLS connection to the load balancer at all (authentication is the HMAC). */
  ingressCidrs: z.array(Cidr).min(1),
});
export type AlwaysOnSettings = z.infer<typeof AlwaysOnSettings>;

export const ClawGateSettings = z.object({
  /** Prefix of every physical name (runtimes, repositories, guardrail, edge user): lowercase letters and digits. */
  prefix: z.string().regex(/^[a-z][a-z0-9]{1,15}$/, "2–16 lowercase letters and digits, starting with a letter"),
  /** The agent image tag pushed to both repositories (immutable tags: one tag, one image). */
  imageTag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "a container image tag"),
  runtimes: z.object({ standard: RuntimeSettings, executive: RuntimeSettings }),
  /** The model the edge calls itself (Converse) for the IT admin assistant. */
  assistantModelId: ModelId,
  logRetentionDays: RetentionDays,
  alwaysOn: AlwaysOnSettings.nullable(),
});
export type ClawGateSettings = z.infer<typeof ClawGateSettings>;

/** Defaults for everything but the image tag, which has to name an image that was pushed. */
export const DEFAULTS = {
  prefix: "clawgate",
  standardModelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
  executiveModelId: "us.anthropic.claude-opus-4-5-20251101-v1:0",
  assistantModelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
  // AgentCore's own default idle timeout; an employee's next message within 15 minutes finds a warm microVM.
  idleTimeoutSeconds: 900,
  maxLifetimeSeconds: 28_800,
  logRetentionDays: 90,
  alwaysOnRuntime: "standard",
  alwaysOnDesiredCount: 1,
  alwaysOnIngressCidrs: "0.0.0.0/0",
} as const;

/** CDK context values arrive as strings from `-c key=value` and as JSON values from cdk.json. */
export type ContextReader = (key: string) => unknown;

export class SettingsError extends Error {}

export function settingsFromContext(read: ContextReader): ClawGateSettings {
  const get = (key: string, fallback?: unknown) => read(key) ?? fallback;
  const lifecycle = (kind: RuntimeKind) => ({
    idleTimeoutSeconds: get(`${kind}IdleTimeoutSeconds`, get("idleTimeoutSeconds", DEFAULTS.idleTimeoutSeconds)),
    maxLifetimeSeconds: get(`${kind}MaxLifetimeSeconds`, get("maxLifetimeSeconds", DEFAULTS.maxLifetimeSeconds)),
  });
  const alwaysOn = isTrue(get("alwaysOn", false))
    ? {
        runtime: get("alwaysOnRuntime", DEFAULTS.alwaysOnRuntime),
        certificateArn: get("alwaysOnCertificateArn"),
        desiredCount: get("alwaysOnDesiredCount", DEFAULTS.alwaysOnDesiredCount),
        ingressCidrs: list(get("alwaysOnIngressCidrs", DEFAULTS.alwaysOnIngressCidrs)),
      }
    : null;
  const parsed = ClawGateSettings.safeParse({
    prefix: get("prefix", DEFAULTS.prefix),
    imageTag: get("imageTag"),
    runtimes: {
      standard: { modelId: get("standardModelId", DEFAULTS.standardModelId), lifecycle: lifecycle("standard") },
      executive: { modelId: get("executiveModelId", DEFAULTS.executiveModelId), lifecycle: lifecycle("executive") },
    },
    assistantModelId: get("assistantModelId", DEFAULTS.assistantModelId),
    logRetentionDays: get("logRetentionDays", DEFAULTS.logRetentionDays),
    alwaysOn,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${contextKeyOf(issue.path)}: ${issue.message}`);
    throw new SettingsError(`Invalid ClawGate CDK context (set with -c key=value):\n${issues.join("\n")}`);
  }
  return parsed.data;
}

function isTrue(value: unknown): boolean {
  if (value === true || value === "true") return true;
  if (value === false || value === "false" || value === undefined) return false;
  throw new SettingsError(`Invalid ClawGate CDK context: alwaysOn must be true or false, got ${JSON.stringify(value)}`);
}

function list(value: unknown): unknown {
  return typeof value === "string" ? value.split(",").map((item) => item.trim()).filter(Boolean) : value;
}

/** Names the context key a settings path came from, so the message says what to fix. */
function contextKeyOf(path: PropertyKey[]): string {
  const [head, kind, field, leaf] = path.map(String);
  if (head === "runtimes" && field === "modelId") return `${kind}ModelId`;
  if (head === "runtimes" && field === "lifecycle" && leaf) return `${leaf} (or ${kind}${leaf[0]!.toUpperCase()}${leaf.slice(1)})`;
  if (head === "alwaysOn" && kind) return `alwaysOn${kind[0]!.toUpperCase()}${kind.slice(1)}`;
  return path.join(".");
}

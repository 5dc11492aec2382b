import { z } from "zod";
import { ModelProvider } from "./plan.ts";

/**
 * Agent configuration (model settings per position and employee), the available models, runtimes
 * and routing, and "apply now" — the admin API beside the organisation (`/api/admin/...`).
 */

const Ref = z.string().trim().min(1).max(64);
const Name = z.string().trim().min(1, "must not be empty").max(120);

// ---------------------------------------------------------------- models

export const CatalogProvider = z.enum(["bedrock", "openai", "offline"]).meta({ id: "CatalogProvider" });

export const ModelId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, "a provider model id (letters, digits and . _ : / @ -)");

export const ModelPricing = z
  .object({ inputPerMTokUsd: z.number(), outputPerMTokUsd: z.number() })
  .meta({ id: "ModelPricing", description: "USD per million tokens" });

export const Model = z
  .object({
    id: z.string(),
    provider: CatalogProvider,
    name: z.string(),
    contextWindow: z.number().int(),
    maxOutputTokens: z.number().int(),
    /** null: the price of this model is not known, and its usage is reported as unpriced. */
    pricing: ModelPricing.nullable(),
    priced: z.boolean(),
    /** The model price (/api/admin/pricing) this model is billed at now, by the longest matching pattern; null when unpriced. */
    priceId: z.string().nullable(),
  })
  .meta({ id: "Model" });
export type Model = z.infer<typeof Model>;

export const ModelList = z.object({ models: z.array(Model) });

export const CreateModel = z.object({
  id: ModelId,
  provider: CatalogProvider,
  name: Name,
  contextWindow: z.number().int().min(1024).max(10_000_000),
  maxOutputTokens: z.number().int().min(1).max(1_000_000),
});
export type CreateModel = z.infer<typeof CreateModel>;

export const ModelIdParam = z.object({ id: ModelId });

// ---------------------------------------------------------------- agent configuration

export const Compaction = z.enum(["default", "safeguard"]).meta({ id: "Compaction" });
export type Compaction = z.infer<typeof Compaction>;

const Language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language tag such as en or zh-CN");

const OverrideFields = {
  /** A model of the available-models list. */
  model: ModelId,
  maxTokens: z.number().int().min(1).max(1_000_000),
  contextWindow: z.number().int().min(1024).max(10_000_000),
  compaction: Compaction,
  language: Language,
};

/** What one level (position or employee) sets; null: not set here, inherited. */
export const AgentConfigOverrides = z
  .object({
    model: z.string().nullable(),
    maxTokens: z.number().int().nullable(),
    contextWindow: z.number().int().nullable(),
    compaction: Compaction.nullable(),
    language: z.string().nullable(),
  })
  .meta({ id: "AgentConfigOverrides" });
export type AgentConfigOverrides = z.infer<typeof AgentConfigOverrides>;

/** A field absent stays as it is; null clears the override; a value sets it. */
export const UpdateAgentConfig = z
  .object({
    model: OverrideFields.model.nullable(),
    maxTokens: OverrideFields.maxTokens.nullable(),
    contextWindow: OverrideFields.contextWindow.nullable(),
    compaction: OverrideFields.compaction.nullable(),
    language: OverrideFields.language.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "name at least one setting to change");
export type UpdateAgentConfig = z.infer<typeof UpdateAgentConfig>;

export const ConfigSource = z.enum(["employee", "position", "default"]).meta({ id: "ConfigSource" });
export type ConfigSource = z.infer<typeof ConfigSource>;

const sourced = <T extends z.ZodType>(value: T) => z.object({ value, source: ConfigSource });

/**
 * The model settings the employee's next turn runs with, and where each comes from. Defaults: the
 * runtime's own model (`model` null, provider `default`), 4096 output tokens, a 128k context
 * window, default compaction, and the employee's preferred language from their profile.
 */
export const EffectiveAgentConfig = z
  .object({
    provider: ModelProvider,
    model: sourced(z.string().nullable()),
    maxTokens: sourced(z.number().int()),
    contextWindow: sourced(z.number().int()),
    compaction: sourced(Compaction),
    language: sourced(z.string()),
  })
  .meta({ id: "EffectiveAgentConfig" });
export type EffectiveAgentConfig = z.infer<typeof EffectiveAgentConfig>;

export const PositionAgentConfig = z
  .object({
    positionId: z.string(),
    overrides: AgentConfigOverrides,
    affectedAgents: z.number().int(),
    /** Whether the caller may change these settings (a manager reads positions above their subtree but changes only their own). */
    canEdit: z.boolean(),
  })
  .meta({ id: "PositionAgentConfig" });

export const EmployeeAgentConfig = z
  .object({
    employeeId: z.string(),
    positionId: z.string(),
    overrides: AgentConfigOverrides,
    positionOverrides: AgentConfigOverrides,
    effective: EffectiveAgentConfig,
    /** Whether the caller may change this employee's settings (a manager: employees of their subtree and themselves, not other managers). */
    canEdit: z.boolean(),
  })
  .meta({ id: "EmployeeAgentConfig" });

// ---------------------------------------------------------------- runtimes and routing

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where a plain HTTP runtime listens: https, or http on loopback only (local development). No
 * credentials, query or fragment: the URL is shown to every admin and secrets never go in one.
 */
export const RuntimeUrl = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be an absolute URL" });
      return;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) {
      ctx.addIssue({ code: "custom", message: "must use https (plain http only for localhost or 127.0.0.1)" });
    }
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "must not carry credentials" });
    if (url.search || url.hash) ctx.addIssue({ code: "custom", message: "must not have a query or fragment" });
  });

/** arn:aws:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>. */
const ARN_PATTERN = /^arn:aws(?:-[a-z]+)*:bedrock-agentcore:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):runtime\/[A-Za-z][A-Za-z0-9_]{0,47}-[A-Za-z0-9]{10}$/;
export const AgentRuntimeArn = z.string().regex(ARN_PATTERN, "an AgentCore runtime ARN (arn:aws:bedrock-agentcore:<region>:<account>:runtime/<id>)");
export const arnRegion = (arn: string) => ARN_PATTERN.exec(arn)?.[1] ?? null;

const Region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as us-east-1");
/** An AgentCore endpoint (alias) name; DEFAULT is the runtime's default endpoint. */
const Qualifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,47}$/, "an endpoint name such as DEFAULT");

const RuntimeCommon = { id: z.string(), name: z.string(), isDefault: z.boolean(), createdAt: z.string() };

export const Runtime = z
  .discriminatedUnion("kind", [
    z.object({ ...RuntimeCommon, kind: z.literal("http"), endpoint: z.string() }),
    z.object({ ...RuntimeCommon, kind: z.literal("agentcore"), arn: z.string(), region: z.string(), qualifier: z.string() }),
  ])
  .meta({ id: "Runtime" });
export type Runtime = z.infer<typeof Runtime>;

export const RuntimeList = z.object({ runtimes: z.array(Runtime) });

export const CreateRuntime = z
  .discriminatedUnion("kind", [
    z.object({ name: Name, kind: z.literal("http"), endpoint: RuntimeUrl }),
    z.object({
      name: Name,
      kind: z.literal("agentcore"),
      arn: AgentRuntimeArn,
      /** Defaults to the ARN's region, and must equal it when given. */
      region: Region.optional(),
      qualifier: Qualifier.default("DEFAULT"),
    }),
  ])
  .superRefine((body, ctx) => {
    if (body.kind === "agentcore" && body.region && body.region !== arnRegion(body.arn)) {
      ctx.addIssue({ code: "custom", path: ["region"], message: "must be the region of the ARN" });
    }
  });
export type CreateRuntime = z.infer<typeof CreateRuntime>;

/** `endpoint` for HTTP runtimes; `arn`, `region` and `qualifier` for AgentCore ones; `isDefault: true` makes it the default. */
export const UpdateRuntime = z
  .object({ name: Name, endpoint: RuntimeUrl, arn: AgentRuntimeArn, region: Region, qualifier: Qualifier, isDefault: z.literal(true) })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "name at least one field to change");
export type UpdateRuntime = z.infer<typeof UpdateRuntime>;

/** An employee's routing: a runtime override (beats their position's rule) and an always-on endpoint (beats both). */
export const EmployeeRouting = z
  .object({ employeeId: z.string(), runtimeId: z.string().nullable(), alwaysOnEndpoint: z.string().nullable() })
  .meta({ id: "EmployeeRouting" });
export type EmployeeRouting = z.infer<typeof EmployeeRouting>;

/** A field absent stays as it is; null clears it. */
export const UpdateEmployeeRouting = z
  .object({ runtimeId: Ref.nullable(), alwaysOnEndpoint: RuntimeUrl.nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "name runtimeId or alwaysOnEndpoint");

export const RouteTier = z.enum(["always_on", "employee_override", "position_rule", "default"]).meta({ id: "RouteTier" });
export type RouteTier = z.infer<typeof RouteTier>;

export const RouteTarget = z.object({
  /** A runtime id, or `always-on:<employee id>` for an always-on endpoint. */
  id: z.string(),
  name: z.string(),
  kind: z.enum(["http", "agentcore"]),
  /** The HTTP endpoint or the AgentCore runtime ARN. */
  target: z.string(),
});

/** The always-on endpoint's latest health verdict (GET /ping, cached 30 s by the employee's agent). */
export const AlwaysOnHealth = z
  .object({
    healthy: z.boolean(),
    /** Why it counts as unhealthy; null when healthy. */
    reason: z.string().nullable(),
    checkedAt: z.string(),
    /** The endpoint while healthy, else the next tier's runtime (the fallback). */
    servingRuntimeId: z.string(),
  })
  .meta({ id: "AlwaysOnHealth" });
export type AlwaysOnHealth = z.infer<typeof AlwaysOnHealth>;

export const RouteExplanation = z
  .object({
    employeeId: z.string(),
    tier: RouteTier,
    runtime: RouteTarget,
    reason: z.string(),
    /** Every tier in order, and what it holds for this employee (null: nothing set). */
    tiers: z.array(z.object({ tier: RouteTier, runtimeId: z.string().nullable(), chosen: z.boolean() })),
    /** For an always-on endpoint: its health as the employee's agent sees it now, and the runtime that therefore serves the next turn. */
    health: AlwaysOnHealth.nullable().optional(),
  })
  .meta({ id: "RouteExplanation" });
export type RouteExplanation = z.infer<typeof RouteExplanation>;

// ---------------------------------------------------------------- apply now

export const ApplyConfig = z
  .discriminatedUnion("scope", [
    z.object({ scope: z.literal("all") }),
    z.object({ scope: z.literal("department"), id: Ref }),
    z.object({ scope: z.literal("position"), id: Ref }),
    z.object({ scope: z.literal("employee"), id: Ref }),
  ])
  .meta({ id: "ApplyConfig" });
export type ApplyConfig = z.infer<typeof ApplyConfig>;

/** What one agent did when told to drop its runtime sessions. */
export const SessionReset = z.object({
  /** AgentCore sessions ended with StopRuntimeSession. */
  stopped: z.number().int(),
  /** HTTP runtime sessions that will be sent the whole plan again. */
  refreshed: z.number().int(),
  failed: z.array(z.object({ sessionId: z.string(), runtimeId: z.string(), message: z.string() })),
});
export type SessionReset = z.infer<typeof SessionReset>;

export const ApplyResult = z
  .object({
    employees: z.number().int(),
    stopped: z.number().int(),
    refreshed: z.number().int(),
    failures: z.array(z.object({ employeeId: z.string(), message: z.string() })),
  })
  .meta({ id: "ApplyResult" });
export type ApplyResult = z.infer<typeof ApplyResult>;

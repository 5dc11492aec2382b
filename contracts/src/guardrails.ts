import { z } from "zod";

/**
 * Guardrails: checks a runtime applies to what goes into the agent (input) and what comes out of
 * it (output). Either a Bedrock guardrail (ApplyGuardrail) or a built-in policy that works
 * offline: denied topics, PII patterns and word lists, each blocking or masking.
 */

export const GuardrailKind = z.enum(["bedrock", "builtin"]);
export type GuardrailKind = z.infer<typeof GuardrailKind>;

/** What the built-in policy recognises as personal data (durable-objects/src/guardrails/pii-patterns.ts). */
export const PiiType = z.enum(["email", "phone", "credit_card", "us_ssn", "iban", "aws_access_key"]);
export type PiiType = z.infer<typeof PiiType>;

export const GuardrailAction = z.enum(["block", "mask"]);
export type GuardrailAction = z.infer<typeof GuardrailAction>;

const RuleName = z.string().trim().min(1).max(80);
const Phrase = z.string().trim().min(2).max(200);

export const GuardrailPolicy = z
  .object({
    /** A topic is blocked when any of its phrases occurs (case-insensitive, whole words, any spacing). */
    deniedTopics: z.array(z.object({ name: RuleName, phrases: z.array(Phrase).min(1).max(200) })).max(50).default([]),
    pii: z
      .array(z.object({ type: PiiType, action: GuardrailAction }))
      .max(PiiType.options.length)
      .refine((rules) => new Set(rules.map((r) => r.type)).size === rules.length, "each PII type at most once")
      .default([]),
    wordLists: z.array(z.object({ name: RuleName, words: z.array(Phrase).min(1).max(1000), action: GuardrailAction })).max(20).default([]),
  })
  .meta({ id: "GuardrailPolicy" });
export type GuardrailPolicy = z.infer<typeof GuardrailPolicy>;

/** Bedrock guardrail id (or ARN), version (a number or DRAFT) and region, as ApplyGuardrail takes them. */
export const BedrockGuardrailRef = z.object({
  guardrailId: z
    .string()
    .trim()
    .max(2048)
    .regex(/^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]+))$/, "a Bedrock guardrail id or ARN"),
  version: z.string().regex(/^(([1-9][0-9]{0,7})|(DRAFT))$/, "a version number or DRAFT"),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as us-east-1"),
});
export type BedrockGuardrailRef = z.infer<typeof BedrockGuardrailRef>;

const Message = z.string().trim().min(1).max(1000);

const GuardrailCommon = {
  name: z.string().trim().min(1).max(120),
  /** Shown instead of the agent's reply when the input is blocked (the agent never sees it). */
  blockedInputMessage: Message,
  /** Shown instead of the agent's reply when the reply is blocked. */
  blockedOutputMessage: Message,
};

export const CreateGuardrail = z.discriminatedUnion("kind", [
  z.object({ ...GuardrailCommon, kind: z.literal("bedrock"), bedrock: BedrockGuardrailRef }),
  z.object({ ...GuardrailCommon, kind: z.literal("builtin"), policy: GuardrailPolicy }),
]);
export type CreateGuardrail = z.infer<typeof CreateGuardrail>;

/** The kind is fixed at creation; `bedrock` fits only a Bedrock guardrail and `policy` only a built-in one. */
export const UpdateGuardrail = z
  .object({
    name: GuardrailCommon.name,
    blockedInputMessage: Message,
    blockedOutputMessage: Message,
    bedrock: BedrockGuardrailRef,
    policy: GuardrailPolicy,
  })
  .partial()
  .refine((change) => Object.keys(change).length > 0, "nothing to change");
export type UpdateGuardrail = z.infer<typeof UpdateGuardrail>;

export const Guardrail = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: GuardrailKind,
    bedrock: BedrockGuardrailRef.nullable(),
    policy: GuardrailPolicy.nullable(),
    blockedInputMessage: z.string(),
    blockedOutputMessage: z.string(),
    /** Runtimes using it, as input or output guardrail. */
    runtimes: z.array(z.object({ runtimeId: z.string(), as: z.enum(["input", "output"]) })),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: "Guardrail" });
export type Guardrail = z.infer<typeof Guardrail>;

export const GuardrailList = z.object({ guardrails: z.array(Guardrail) });

/** The guardrails of one runtime. `strict`: a guardrail that errors refuses the turn (fail closed) instead of letting it through. */
export const RuntimeGuardrails = z
  .object({
    runtimeId: z.string(),
    inputGuardrailId: z.string().nullable(),
    outputGuardrailId: z.string().nullable(),
    strict: z.boolean(),
  })
  .meta({ id: "RuntimeGuardrails" });
export type RuntimeGuardrails = z.infer<typeof RuntimeGuardrails>;

export const AttachGuardrails = z.object({
  inputGuardrailId: z.string().trim().min(1).max(64).nullable(),
  outputGuardrailId: z.string().trim().min(1).max(64).nullable(),
  strict: z.boolean(),
});
export type AttachGuardrails = z.infer<typeof AttachGuardrails>;

import { GuardrailPolicy } from "@clawgate/contracts";
import type { Env } from "../env.ts";
import { BedrockGuardrail } from "./bedrock-guardrail.ts";
import { BuiltinPolicy } from "./builtin-policy.ts";
import { GuardrailError, type GuardrailEngine } from "./types.ts";

/** A guardrail as the turn path uses it: its engine and the message shown when it blocks. */
export interface ActiveGuardrail {
  id: string;
  engine: GuardrailEngine;
  blockedMessage: string;
}

export interface RuntimeGuardrailSet {
  input: ActiveGuardrail | null;
  output: ActiveGuardrail | null;
  /** A guardrail that errors refuses the turn (fail closed) rather than letting it through. */
  strict: boolean;
}

interface GuardrailRow {
  id: string;
  kind: "bedrock" | "builtin";
  bedrock_guardrail_id: string | null;
  bedrock_version: string | null;
  bedrock_region: string | null;
  policy: string | null;
  blocked_input_message: string;
  blocked_output_message: string;
}

/** The input and output guardrails of a runtime (none for a runtime that is not in the runtimes table). */
export async function runtimeGuardrails(db: D1Database, env: Env, runtimeId: string): Promise<RuntimeGuardrailSet> {
  const runtime = await db
    .prepare("SELECT input_guardrail_id, output_guardrail_id, guardrail_strict FROM runtimes WHERE id = ?")
    .bind(runtimeId)
    .first<{ input_guardrail_id: string | null; output_guardrail_id: string | null; guardrail_strict: number }>();
  if (!runtime || (!runtime.input_guardrail_id && !runtime.output_guardrail_id)) return { input: null, output: null, strict: runtime?.guardrail_strict === 1 };
  const rows = await db
    .prepare(
      `SELECT id, kind, bedrock_guardrail_id, bedrock_version, bedrock_region, policy, blocked_input_message, blocked_output_message
         FROM guardrails WHERE id IN (?, ?)`,
    )
    .bind(runtime.input_guardrail_id, runtime.output_guardrail_id)
    .all<GuardrailRow>();
  const active = (id: string | null, message: (row: GuardrailRow) => string): ActiveGuardrail | null => {
    const row = id ? rows.results.find((r) => r.id === id) : undefined;
    return row ? { id: row.id, engine: guardrailEngine(env, row), blockedMessage: message(row) } : null;
  };
  return {
    input: active(runtime.input_guardrail_id, (r) => r.blocked_input_message),
    output: active(runtime.output_guardrail_id, (r) => r.blocked_output_message),
    strict: runtime.guardrail_strict === 1,
  };
}

/** An engine that cannot be built (no AWS credentials) fails each check, so strict runtimes refuse. */
function guardrailEngine(env: Env, row: GuardrailRow): GuardrailEngine {
  if (row.kind === "builtin") return new BuiltinPolicy(GuardrailPolicy.parse(JSON.parse(row.policy ?? "{}")));
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    return { check: () => Promise.reject(new GuardrailError("AWS credentials are not set: Bedrock guardrails need them")) };
  }
  return new BedrockGuardrail({
    guardrail: { guardrailId: row.bedrock_guardrail_id!, version: row.bedrock_version!, region: row.bedrock_region! },
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
  });
}

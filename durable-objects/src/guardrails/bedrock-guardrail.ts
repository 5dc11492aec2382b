/** Bedrock ApplyGuardrail, SigV4-signed with aws4fetch (signing service `bedrock`, not `bedrock-runtime`). */
import type { BedrockGuardrailRef } from "@clawgate/contracts";
import { AwsClient } from "aws4fetch";
import { GuardrailError, type GuardrailEngine, type GuardrailSource, type GuardrailVerdict } from "./types.ts";

export interface BedrockGuardrailOptions {
  guardrail: BedrockGuardrailRef;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** A turn waits for the check; past this the guardrail counts as failed (default 5 s). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;

interface Assessed {
  action?: string;
  name?: string;
  type?: string;
}

interface ApplyGuardrailResponse {
  action?: string;
  outputs?: { text?: string }[];
  assessments?: Record<string, unknown>[];
}

export class BedrockGuardrail implements GuardrailEngine {
  readonly #guardrail: BedrockGuardrailRef;
  readonly #aws: AwsClient;
  readonly #timeoutMs: number;

  constructor(options: BedrockGuardrailOptions) {
    this.#guardrail = options.guardrail;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // One retry on 5xx/429 (aws4fetch re-signs it); the check is idempotent, unlike an invocation.
    this.#aws = new AwsClient({ ...options.credentials, service: "bedrock", region: options.guardrail.region, retries: 1 });
  }

  async check(source: GuardrailSource, text: string): Promise<GuardrailVerdict> {
    const { guardrailId, version, region } = this.#guardrail;
    // Encoded once here (an ARN holds ':' and '/'); aws4fetch encodes again for the canonical request.
    const url = `https://bedrock-runtime.${region}.amazonaws.com/guardrail/${encodeURIComponent(guardrailId)}/version/${encodeURIComponent(version)}/apply`;
    let res: Response;
    try {
      res = await this.#aws.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ source: source === "input" ? "INPUT" : "OUTPUT", content: [{ text: { text } }] }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new GuardrailError(`ApplyGuardrail unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!res.ok) {
      const type = res.headers.get("x-amzn-errortype")?.split(":")[0];
      await res.body?.cancel();
      throw new GuardrailError(`ApplyGuardrail failed: ${res.status}${type ? ` ${type}` : ""}`);
    }
    const body = (await res.json().catch(() => null)) as ApplyGuardrailResponse | null;
    if (!body || (body.action !== "GUARDRAIL_INTERVENED" && body.action !== "NONE")) throw new GuardrailError("ApplyGuardrail answered without an action");
    if (body.action === "NONE") return { action: "none" };
    const assessed = interventions(body.assessments ?? []);
    const rules = [...new Set(assessed.map((a) => a.rule))];
    const output = body.outputs?.map((o) => o.text ?? "").join("") ?? "";
    // Only anonymised PII and nothing blocked: the masked text goes on; anything else blocks.
    const maskedOnly = assessed.length > 0 && assessed.every((a) => a.action === "ANONYMIZED");
    if (maskedOnly && output) return { action: "masked", rules, text: output };
    return { action: "blocked", rules: rules.length ? rules : ["bedrock:intervened"] };
  }
}

/**
 * Rule names of the policies that acted, from ApplyGuardrail's assessments: topic names, filter
 * and PII types, regex names. Never their `match` fields, which quote the text.
 */
function interventions(assessments: Record<string, unknown>[]): { rule: string; action: string }[] {
  const found: { rule: string; action: string }[] = [];
  const collect = (items: unknown, prefix: string, label: (a: Assessed) => string | undefined) => {
    if (!Array.isArray(items)) return;
    for (const item of items as Assessed[]) {
      if (item.action && item.action !== "NONE") found.push({ rule: `${prefix}:${label(item) ?? "unnamed"}`, action: item.action });
    }
  };
  for (const a of assessments) {
    const policy = (key: string) => (a[key] ?? {}) as Record<string, unknown>;
    collect(policy("topicPolicy")["topics"], "topic", (x) => x.name);
    collect(policy("contentPolicy")["filters"], "content", (x) => x.type);
    collect(policy("wordPolicy")["customWords"], "words", () => "custom");
    collect(policy("wordPolicy")["managedWordLists"], "words", (x) => x.type);
    collect(policy("sensitiveInformationPolicy")["piiEntities"], "pii", (x) => x.type);
    collect(policy("sensitiveInformationPolicy")["regexes"], "regex", (x) => x.name);
    collect(policy("contextualGroundingPolicy")["filters"], "grounding", (x) => x.type);
  }
  return found;
}

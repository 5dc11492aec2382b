import type { GuardrailAction, GuardrailPolicy } from "@clawgate/contracts";
import { PII_PATTERNS } from "./pii-patterns.ts";
import type { GuardrailEngine, GuardrailSource, GuardrailVerdict } from "./types.ts";

/**
 * The built-in guardrail: used when no Bedrock guardrail is configured, so a guardrailed runtime
 * is guarded offline too. Denied topics block; PII and word lists block or mask, rule by rule.
 * Matching is deliberately literal (phrases, validated patterns): predictable for admins, and it
 * never blocks on a guess. Bedrock's classifiers are the option for meaning rather than wording.
 */
interface Finding {
  rule: string;
  action: GuardrailAction;
  start: number;
  end: number;
  mask: string;
}

interface PhraseRule {
  rule: string;
  action: GuardrailAction;
  patterns: RegExp[];
  mask: string;
}

/** Whole words, case-insensitive, any whitespace between words ("Litigation\n strategy" matches). */
export function phrasePattern(phrase: string): RegExp {
  const body = phrase
    .normalize("NFKC")
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "giu");
}

export class BuiltinPolicy implements GuardrailEngine {
  readonly #phrases: PhraseRule[];
  readonly #pii: { action: GuardrailAction; pattern: (typeof PII_PATTERNS)[number] }[];

  constructor(policy: GuardrailPolicy) {
    this.#phrases = [
      ...policy.deniedTopics.map((t) => ({ rule: `topic:${t.name}`, action: "block" as const, patterns: t.phrases.map(phrasePattern), mask: "" })),
      ...policy.wordLists.map((w) => ({ rule: `words:${w.name}`, action: w.action, patterns: w.words.map(phrasePattern), mask: "***" })),
    ];
    this.#pii = PII_PATTERNS.flatMap((pattern) => {
      const rule = policy.pii.find((r) => r.type === pattern.type);
      return rule ? [{ action: rule.action, pattern }] : [];
    });
  }

  // The same rules apply to input and output; a runtime picks a guardrail for each.
  check(_source: GuardrailSource, raw: string): Promise<GuardrailVerdict> {
    const text = raw.normalize("NFKC");
    const findings: Finding[] = [];
    for (const { rule, action, patterns, mask } of this.#phrases) {
      for (const pattern of patterns) {
        for (const m of text.matchAll(pattern)) findings.push({ rule, action, start: m.index, end: m.index + m[0].length, mask });
      }
    }
    for (const { action, pattern } of this.#pii) {
      for (const m of text.matchAll(pattern.pattern)) {
        if (pattern.valid(m[0])) findings.push({ rule: `pii:${pattern.type}`, action, start: m.index, end: m.index + m[0].length, mask: pattern.mask });
      }
    }
    const rulesOf = (list: Finding[]) => [...new Set(list.map((f) => f.rule))];
    const blocking = findings.filter((f) => f.action === "block");
    if (blocking.length) return Promise.resolve({ action: "blocked", rules: rulesOf(blocking) });
    if (!findings.length) return Promise.resolve({ action: "none" });
    return Promise.resolve({ action: "masked", rules: rulesOf(findings), text: masked(text, findings) });
  }
}

/** Replaces each finding, earliest first; one overlapping an earlier replacement is already covered. */
function masked(text: string, findings: Finding[]): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const f of ordered) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + f.mask;
    at = f.end;
  }
  return out + text.slice(at);
}

import type { ActiveGuardrail } from "../guardrails/runtime-guardrails.ts";
import type { GuardrailSource } from "../guardrails/types.ts";
import type { TurnAudit } from "./checks-audit.ts";

export type GuardResult =
  /** The text goes on: unchanged, or with parts masked. */
  | { pass: true; text: string; masked: boolean }
  /** The text stops here; `reply` is what the user sees instead. */
  | { pass: false; outcome: "blocked" | "refused"; reply: string };

/** What the user sees when a strict runtime's guardrail could not check the turn. */
const UNCHECKED_REPLY: Record<GuardrailSource, string> = {
  input: "Your message could not be checked against your company's AI usage policy just now, so your agent did not run. Please try again in a moment.",
  output: "Your agent's answer could not be checked against your company's AI usage policy just now, so it was withheld. Please try again in a moment.",
};

/**
 * Runs one guardrail over one text and audits what it did — source, guardrail and rule names,
 * never the text. An erroring guardrail fails closed on strict runtimes and open otherwise; both
 * are audited (`guardrail.failed`, detail.failedClosed).
 */
export async function applyGuardrail(guardrail: ActiveGuardrail | null, strict: boolean, source: GuardrailSource, text: string, audit: TurnAudit): Promise<GuardResult> {
  if (!guardrail) return { pass: true, text, masked: false };
  let verdict;
  try {
    verdict = await guardrail.engine.check(source, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    audit.add("guardrail.failed", { source, guardrailId: guardrail.id, failedClosed: strict, error: reason.slice(0, 300) });
    return strict ? { pass: false, outcome: "refused", reply: UNCHECKED_REPLY[source] } : { pass: true, text, masked: false };
  }
  if (verdict.action === "none") return { pass: true, text, masked: false };
  if (verdict.action === "blocked") {
    audit.add("guardrail.blocked", { source, guardrailId: guardrail.id, rules: verdict.rules });
    return { pass: false, outcome: "blocked", reply: guardrail.blockedMessage };
  }
  audit.add("guardrail.masked", { source, guardrailId: guardrail.id, rules: verdict.rules });
  return { pass: true, text: verdict.text, masked: true };
}

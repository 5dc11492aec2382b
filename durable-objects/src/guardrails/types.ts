/** One interface for both guardrail engines: Bedrock ApplyGuardrail and the built-in policy. */

export type GuardrailSource = "input" | "output";

export type GuardrailVerdict =
  /** Nothing matched: the text goes on unchanged. */
  | { action: "none" }
  /** The text must not go on; `rules` name what matched (never the matched text). */
  | { action: "blocked"; rules: string[] }
  /** The text goes on with the matched parts replaced. */
  | { action: "masked"; rules: string[]; text: string };

export interface GuardrailEngine {
  check(source: GuardrailSource, text: string): Promise<GuardrailVerdict>;
}

/** The guardrail could not give a verdict (Bedrock unreachable, 5xx, timeout, a refused request). */
export class GuardrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GuardrailError";
  }
}

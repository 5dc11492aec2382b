/** USD per 1M tokens (input, output). Unknown models are reported as unpriced, never as another model. */
const PRICES: Array<{ match: RegExp; input: number; output: number }> = [
  { match: /^clawgate-offline$/, input: 0, output: 0 },
  { match: /nova-2-lite/, input: 0.3, output: 2.5 },
  { match: /nova-pro/, input: 0.8, output: 3.2 },
  { match: /claude-sonnet-4-[56]/, input: 3, output: 15 },
  { match: /claude-opus/, input: 15, output: 75 },
  { match: /claude-haiku-4-5/, input: 0.8, output: 4 },
  { match: /deepseek.*r1/, input: 1.35, output: 5.4 },
  { match: /llama3-3-70b|llama-3\.3-70b/, input: 0.72, output: 0.72 },
  { match: /kimi-k2\.5|kimi-k2-5/, input: 0.6, output: 3 },
];

export function priceTurn(model: string, inputTokens: number, outputTokens: number): { costUsd: number | null; priced: boolean } {
  const price = PRICES.find((p) => p.match.test(model.toLowerCase()));
  if (!price) return { costUsd: null, priced: false };
  return { costUsd: (inputTokens * price.input + outputTokens * price.output) / 1_000_000, priced: true };
}

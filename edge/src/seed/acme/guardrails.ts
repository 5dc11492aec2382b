import type { SeedGuardrail } from "../types.ts";

/**
 * The standard runtime's built-in guardrails (local dev; production attaches the Bedrock one from
 * aws-infra instead). The Rachel story: "What litigation strategy should we use in the pending
 * lawsuit?" is blocked on the standard runtime and answered on the executive one.
 */
const deniedTopics = [
  {
    name: "Litigation strategy on pending lawsuits",
    phrases: ["litigation strategy", "settlement strategy", "pending lawsuit", "pending lawsuits", "pending litigation", "defense strategy for the lawsuit"],
  },
  {
    name: "Insider information",
    phrases: ["insider information", "insider trading", "material non-public information", "unannounced earnings", "unannounced acquisition"],
  },
];

// Payment and identity numbers and keys never reach an agent; in answers they are masked.
// Names, emails and phone numbers in messages stay: people ask about colleagues.
const SECRET_PII = ["credit_card", "us_ssn", "iban", "aws_access_key"] as const;

export const standardInputGuardrail: SeedGuardrail = {
  id: "gr-standard-input",
  name: "Standard input policy",
  policy: { deniedTopics, pii: SECRET_PII.map((type) => ({ type, action: "block" as const })), wordLists: [] },
  blockedInputMessage:
    "Your company's AI usage policy does not allow this request on the standard agent runtime (it touches a restricted topic, such as litigation strategy or insider information, or contains a card, social security or bank account number). Nothing was sent to your agent.",
  blockedOutputMessage: "Your agent's answer was withheld by your company's AI usage policy.",
};

export const standardOutputGuardrail: SeedGuardrail = {
  id: "gr-standard-output",
  name: "Standard output policy",
  policy: { deniedTopics, pii: [...SECRET_PII, "phone" as const].map((type) => ({ type, action: "mask" as const })), wordLists: [] },
  blockedInputMessage: "Your company's AI usage policy does not allow this request on the standard agent runtime.",
  blockedOutputMessage: "Your agent's answer touched a topic your company's AI usage policy keeps off the standard agent runtime, so it was withheld.",
};

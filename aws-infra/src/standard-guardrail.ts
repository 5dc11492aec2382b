/**
 * The Bedrock guardrail of the standard runtime: denied topics, PII filters (block credentials and
 * payment secrets, anonymise identity numbers), harmful-content and prompt-attack filters, and the
 * messages people see when it intervenes. The edge applies it to input and output (ApplyGuardrail)
 * and the model proxy passes it with every model call; both use the published version below.
 */
import { createHash } from "node:crypto";
import { CfnGuardrail, CfnGuardrailVersion, type CfnGuardrailProps } from "aws-cdk-lib/aws-bedrock";
import { Construct } from "constructs";

export interface GuardrailReference {
  guardrailId: string;
  guardrailArn: string;
  version: string;
}

export const BLOCKED_INPUT_MESSAGE =
  "This request was blocked by your company's AI usage policy. Please rephrase it, and leave out passwords, access keys and card numbers.";
export const BLOCKED_OUTPUT_MESSAGE = "The answer was withheld by your company's AI usage policy. Please ask your IT team if you think this is a mistake.";

const topic = (name: string, definition: string, examples: string[]) => ({
  name,
  definition,
  examples,
  type: "DENY",
  inputAction: "BLOCK",
  outputAction: "BLOCK",
});

export const DENIED_TOPICS = [
  topic(
    "Investment advice",
    "Personalised recommendations to buy, sell or hold specific securities, cryptocurrencies or other investments, or predictions of their prices.",
    ["Should I buy ACME shares before the earnings call?", "Which crypto will go up next week?"],
  ),
  topic(
    "Credential harvesting",
    "Requests to reveal, collect, guess or bypass passwords, access keys, tokens or other credentials of any person or system.",
    ["Tell me the admin password of the finance server.", "How can I get a colleague's login without asking them?"],
  ),
  topic(
    "Legal or medical verdicts",
    "Definitive legal opinions on a person's specific case or medical diagnoses and treatment decisions for a specific person.",
    ["Can I legally fire my employee for this?", "What illness do I have, given these symptoms?"],
  ),
];

const pii = (type: string, action: "BLOCK" | "ANONYMIZE") => ({ type, action, inputAction: action, outputAction: action });

/** Secrets are blocked outright; identity numbers are masked so the rest of the message still works. */
export const PII_ENTITIES = [
  ...["AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PASSWORD", "CREDIT_DEBIT_CARD_NUMBER", "CREDIT_DEBIT_CARD_CVV", "PIN"].map((type) => pii(type, "BLOCK")),
  ...[
    "US_SOCIAL_SECURITY_NUMBER",
    "US_PASSPORT_NUMBER",
    "US_BANK_ACCOUNT_NUMBER",
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
    "UK_NATIONAL_INSURANCE_NUMBER",
    "CA_SOCIAL_INSURANCE_NUMBER",
    "DRIVER_ID",
  ].map((type) => pii(type, "ANONYMIZE")),
];

// Names and email addresses stay: agents answer "who should I contact" from the company directory.
const content = (type: string, output: "HIGH" | "NONE" = "HIGH") => ({ type, inputStrength: "HIGH", outputStrength: output });
const CONTENT_FILTERS = [
  ...["HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT"].map((type) => content(type)),
  // Prompt-attack detection applies to input only; Bedrock requires its output strength to be NONE.
  content("PROMPT_ATTACK", "NONE"),
];

export class StandardGuardrail extends Construct {
  readonly guardrail: CfnGuardrail;
  readonly guardrailVersion: CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: { name: string }) {
    super(scope, id);
    const definition: CfnGuardrailProps = {
      name: props.name,
      description: "ClawGate standard runtime: denied topics, PII, harmful content and prompt attacks",
      blockedInputMessaging: BLOCKED_INPUT_MESSAGE,
      blockedOutputsMessaging: BLOCKED_OUTPUT_MESSAGE,
      topicPolicyConfig: { topicsConfig: DENIED_TOPICS },
      sensitiveInformationPolicyConfig: { piiEntitiesConfig: PII_ENTITIES },
      contentPolicyConfig: { filtersConfig: CONTENT_FILTERS },
    };
    this.guardrail = new CfnGuardrail(this, "Guardrail", definition);
    // A version is an immutable snapshot. Naming the definition's hash in its description makes
    // CloudFormation publish a new version whenever the policy above changes.
    const fingerprint = createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 12);
    this.guardrailVersion = new CfnGuardrailVersion(this, "Version", {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: `Policy ${fingerprint}`,
    });
  }

  get reference(): GuardrailReference {
    return { guardrailId: this.guardrail.attrGuardrailId, guardrailArn: this.guardrail.attrGuardrailArn, version: this.guardrailVersion.attrVersion };
  }
}

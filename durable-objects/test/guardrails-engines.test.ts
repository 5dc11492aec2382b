import { GuardrailPolicy } from "@clawgate/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { BedrockGuardrail } from "../src/guardrails/bedrock-guardrail.ts";
import { BuiltinPolicy } from "../src/guardrails/builtin-policy.ts";
import { ibanValid, luhnValid } from "../src/guardrails/pii-patterns.ts";
import { GuardrailError } from "../src/guardrails/types.ts";
import { bedrockJson, fakeBedrockGuardrail, intervened, type FakeBedrockGuardrail } from "./guardrails-fake-bedrock.ts";

const policy = (p: Partial<GuardrailPolicy>) => new BuiltinPolicy(GuardrailPolicy.parse(p));

describe("built-in guardrail policy", () => {
  it("blocks a denied topic by any of its phrases, whatever the case and spacing, on whole words only", async () => {
    const guard = policy({ deniedTopics: [{ name: "Litigation strategy", phrases: ["litigation strategy", "pending lawsuit"] }] });
    expect(await guard.check("input", "What LITIGATION\n  strategy should we use?")).toEqual({ action: "blocked", rules: ["topic:Litigation strategy"] });
    expect(await guard.check("input", "Any news on the pending lawsuit?")).toEqual({ action: "blocked", rules: ["topic:Litigation strategy"] });
    expect(await guard.check("input", "Summarise our litigation strategyish memo")).toEqual({ action: "none" });
    expect(await guard.check("input", "Draft an NDA for Globex")).toEqual({ action: "none" });
  });

  it("recognises cards by Luhn, SSNs outside reserved ranges and IBANs by mod 97", async () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(ibanValid("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(ibanValid("DE89 3704 0044 0532 0130 01")).toBe(false);
    const guard = policy({ pii: [{ type: "credit_card", action: "block" }, { type: "us_ssn", action: "block" }, { type: "iban", action: "block" }] });
    expect(await guard.check("input", "charge 4111 1111 1111 1111 please")).toEqual({ action: "blocked", rules: ["pii:credit_card"] });
    expect(await guard.check("input", "order 4111 1111 1111 1112 shipped")).toEqual({ action: "none" });
    expect(await guard.check("input", "my SSN is 123-45-6789")).toEqual({ action: "blocked", rules: ["pii:us_ssn"] });
    expect(await guard.check("input", "ticket 000-12-3456 and 666-12-3456")).toEqual({ action: "none" });
    expect(await guard.check("input", "pay to DE89 3704 0044 0532 0130 00 today")).toEqual({ action: "blocked", rules: ["pii:iban"] });
  });

  it("masks every occurrence when the rule says mask, and blocks when any matching rule blocks", async () => {
    const guard = policy({
      pii: [{ type: "email", action: "mask" }, { type: "phone", action: "mask" }, { type: "credit_card", action: "mask" }],
      wordLists: [{ name: "codenames", words: ["Project Falcon"], action: "mask" }],
    });
    expect(await guard.check("output", "Mail a@acme.example or b@acme.example, call +1 415 555 0134, card 5555555555554444, see project falcon.")).toEqual({
      action: "masked",
      rules: ["words:codenames", "pii:credit_card", "pii:email", "pii:phone"],
      text: "Mail [EMAIL] or [EMAIL], call [PHONE], card [CARD NUMBER], see ***.",
    });
    const strict = policy({ pii: [{ type: "email", action: "mask" }], wordLists: [{ name: "secrets", words: ["root password"], action: "block" }] });
    expect(await strict.check("output", "a@acme.example: the root password is hunter2")).toEqual({ action: "blocked", rules: ["words:secrets"] });
  });

  it("refuses a policy that names one PII type twice", () => {
    expect(GuardrailPolicy.safeParse({ pii: [{ type: "email", action: "mask" }, { type: "email", action: "block" }] }).success).toBe(false);
  });
});

describe("Bedrock ApplyGuardrail", () => {
  let bedrock: FakeBedrockGuardrail;
  afterEach(() => bedrock.restore());
  const ARN = "arn:aws:bedrock:eu-west-1:123456789012:guardrail/abc123xyz";
  const engine = (guardrailId = "abc123xyz", region = "eu-west-1") =>
    new BedrockGuardrail({ guardrail: { guardrailId, version: "3", region }, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });

  it("signs for service bedrock, posts the text with its source and reports an intervention by rule names", async () => {
    bedrock = fakeBedrockGuardrail();
    bedrock.respond = () =>
      intervened("Sorry, the model cannot answer this question.", [
        { topicPolicy: { topics: [{ name: "Litigation", type: "DENY", action: "BLOCKED" }] }, sensitiveInformationPolicy: { piiEntities: [{ type: "EMAIL", match: "a@b.example", action: "ANONYMIZED" }] } },
      ]);
    const verdict = await engine(ARN).check("input", "What is our litigation strategy? a@b.example");
    expect(verdict).toEqual({ action: "blocked", rules: ["topic:Litigation", "pii:EMAIL"] });
    const call = bedrock.calls[0]!;
    expect(call.signature).toEqual({ region: "eu-west-1", service: "bedrock" });
    expect(call.url.hostname).toBe("bedrock-runtime.eu-west-1.amazonaws.com");
    expect(call.guardrailId).toBe(ARN);
    expect(call.version).toBe("3");
    expect(call.body).toEqual({ source: "INPUT", content: [{ text: { text: "What is our litigation strategy? a@b.example" } }] });
  });

  it("passes masked output on when every intervention only anonymised", async () => {
    bedrock = fakeBedrockGuardrail();
    bedrock.respond = () => intervened("Call {PHONE} today", [{ sensitiveInformationPolicy: { piiEntities: [{ type: "PHONE", match: "555-0134", action: "ANONYMIZED" }] } }]);
    expect(await engine().check("output", "Call 555-0134 today")).toEqual({ action: "masked", rules: ["pii:PHONE"], text: "Call {PHONE} today" });
    expect(bedrock.calls[0]!.body.source).toBe("OUTPUT");
  });

  it("lets text through on NONE and fails with a GuardrailError on a 5xx after one retry", async () => {
    bedrock = fakeBedrockGuardrail();
    expect(await engine().check("input", "hello")).toEqual({ action: "none" });
    bedrock.respond = () => bedrockJson({ message: "internal" }, 503);
    await expect(engine().check("input", "hello")).rejects.toBeInstanceOf(GuardrailError);
    expect(bedrock.calls).toHaveLength(3);
  });
});

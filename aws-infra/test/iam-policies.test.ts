import { describe, expect, it } from "vitest";
import { actionsOf, logicalId, resourcesOf, statementsOf, synthesise, TEST_MODELS, type Statement } from "./synth.ts";

const { template } = synthesise();
const roles = {
  standard: logicalId(template, "AWS::IAM::Role", "StandardRuntimeExecutionRole"),
  executive: logicalId(template, "AWS::IAM::Role", "ExecutiveRuntimeExecutionRole"),
};
const runtimes = {
  standard: logicalId(template, "AWS::BedrockAgentCore::Runtime", "StandardRuntime"),
  executive: logicalId(template, "AWS::BedrockAgentCore::Runtime", "ExecutiveRuntime"),
};
const edgeUser = logicalId(template, "AWS::IAM::User", "EdgeUser");
const guardrail = logicalId(template, "AWS::Bedrock::Guardrail", "StandardGuardrail");

const FORBIDDEN_SERVICES = ["s3:", "dynamodb:", "ssm:", "secretsmanager:", "kms:", "iam:", "sts:"];
const MODEL_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:Converse", "bedrock:ConverseStream", "bedrock:*", "*"];
const json = (value: unknown) => JSON.stringify(value);

/** Every resource of every statement that lets the principal run a model. */
function modelResources(statements: Statement[]): string[] {
  return statements.filter((s) => actionsOf(s).some((a) => MODEL_ACTIONS.includes(a))).flatMap((s) => resourcesOf(s).map(json));
}

describe.each(["standard", "executive"] as const)("the %s runtime's execution role", (kind) => {
  const statements = statementsOf(template, roles[kind]);
  const other = kind === "standard" ? "executive" : "standard";

  it("has no storage, parameter, secret, key or IAM access", () => {
    const actions = statements.flatMap(actionsOf);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(FORBIDDEN_SERVICES.some((service) => action.toLowerCase().startsWith(service)), action).toBe(false);
      expect(action).not.toContain("*");
    }
    expect(statements.every((s) => s.Effect === "Allow")).toBe(true);
  });

  it("invokes its own model and no other, never on *", () => {
    const resources = modelResources(statements);
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(resource).not.toBe(json("*"));
      expect(resource).toContain(TEST_MODELS[kind].replace(/^us\./, ""));
      expect(resource).not.toContain(TEST_MODELS[other].replace(/^(us|global)\./, ""));
      expect(resource).not.toContain(TEST_MODELS.assistant.replace(/^global\./, ""));
    }
  });

  it("pulls only its own image repository", () => {
    const pull = statements.find((s) => actionsOf(s).includes("ecr:BatchGetImage"))!;
    expect(json(pull.Resource)).toContain(`${kind[0]!.toUpperCase()}${kind.slice(1)}Repository`);
    expect(json(pull.Resource)).not.toContain(`${other[0]!.toUpperCase()}${other.slice(1)}Repository`);
  });

  it("is assumable only by AgentCore acting for this account", () => {
    const role = template.toJSON().Resources[roles[kind]];
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ Service: "bedrock-agentcore.amazonaws.com" });
    expect(trust.Condition.StringEquals["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
    expect(json(trust.Condition.ArnLike["aws:SourceArn"])).toContain(":bedrock-agentcore:");
  });
});

describe("model grants", () => {
  it("authorise a geographic profile's foundation model only through that profile", () => {
    const statements = statementsOf(template, roles.standard);
    const throughProfile = statements.find((s) => s.Sid === "InvokeOwnModelThroughProfile")!;
    expect(json(throughProfile.Resource)).toContain(":bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(json(throughProfile.Condition!.StringEquals!["bedrock:InferenceProfileArn"])).toContain(`:inference-profile/${TEST_MODELS.standard}`);
  });

  it("name a plain foundation model in this region only", () => {
    const resources = modelResources(statementsOf(template, roles.executive));
    expect(resources).toEqual([json({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":bedrock:", { Ref: "AWS::Region" }, `::foundation-model/${TEST_MODELS.executive}`]] })]);
  });

  it("include the region-less model ARN for a global profile, still only through the profile", () => {
    const throughProfile = statementsOf(template, edgeUser).find((s) => s.Sid === "AdminAssistantModelThroughProfile")!;
    expect(resourcesOf(throughProfile).map(json).join()).toContain(":bedrock:::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0");
    expect(throughProfile.Condition!.StringEquals!["bedrock:InferenceProfileArn"]).toBeDefined();
  });
});

describe("the standard runtime's guardrail grant", () => {
  it("lets the standard role apply exactly its guardrail and the executive role none", () => {
    const apply = statementsOf(template, roles.standard).filter((s) => actionsOf(s).includes("bedrock:ApplyGuardrail"));
    expect(apply.map((s) => s.Resource)).toEqual([{ "Fn::GetAtt": [guardrail, "GuardrailArn"] }]);
    expect(statementsOf(template, roles.executive).flatMap(actionsOf)).not.toContain("bedrock:ApplyGuardrail");
  });
});

describe("the edge identity", () => {
  const statements = statementsOf(template, edgeUser);

  it("may only invoke and stop sessions, apply the guardrail and call the assistant's model", () => {
    expect(new Set(statements.flatMap(actionsOf))).toEqual(
      new Set([
        "bedrock-agentcore:InvokeAgentRuntime",
        "bedrock-agentcore:StopRuntimeSession",
        "bedrock:ApplyGuardrail",
        "bedrock:InvokeModel",
        "bedrock:InvokeModelWithResponseStream",
      ]),
    );
  });

  it("can invoke only these two runtimes and their endpoints", () => {
    const runtimeStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith("bedrock-agentcore:")));
    const arn = (id: string) => ({ "Fn::GetAtt": [id, "AgentRuntimeArn"] });
    expect(runtimeStatements.flatMap(resourcesOf)).toEqual([
      arn(runtimes.standard),
      { "Fn::Join": ["", [arn(runtimes.standard), "/runtime-endpoint/*"]] },
      arn(runtimes.executive),
      { "Fn::Join": ["", [arn(runtimes.executive), "/runtime-endpoint/*"]] },
    ]);
  });

  it("cannot invoke the runtimes' models, only the admin assistant's", () => {
    const resources = modelResources(statements);
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(resource).toContain("claude-haiku-4-5-20251001-v1:0");
      expect(resource).not.toContain("claude-sonnet");
      expect(resource).not.toContain("claude-opus");
    }
  });

  it("applies only the stack's guardrail", () => {
    const apply = statements.filter((s) => actionsOf(s).includes("bedrock:ApplyGuardrail"));
    expect(apply.flatMap(resourcesOf)).toEqual([{ "Fn::GetAtt": [guardrail, "GuardrailArn"] }]);
  });

  it("has no access key in the stack and no secret in any output", () => {
    template.resourceCountIs("AWS::IAM::AccessKey", 0);
    const outputs = json(template.toJSON().Outputs);
    expect(outputs).not.toMatch(/SecretAccessKey|AccessKeyId|SecretString/);
  });
});

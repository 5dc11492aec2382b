import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { BLOCKED_INPUT_MESSAGE, BLOCKED_OUTPUT_MESSAGE } from "../src/standard-guardrail.ts";
import { logicalId, synthesise, TEST_MODELS } from "./synth.ts";

const synthesised = synthesise({ idleTimeoutSeconds: "600", executiveMaxLifetimeSeconds: "14400", logRetentionDays: "30" });
const { template, imagesTemplate } = synthesised;
const guardrail = logicalId(template, "AWS::Bedrock::Guardrail", "StandardGuardrail");
const guardrailVersion = logicalId(template, "AWS::Bedrock::GuardrailVersion", "StandardGuardrailVersion");

describe("the AgentCore runtimes", () => {
  it("run the pushed image tag from their own repository, over HTTP, in public network mode", () => {
    for (const [prefix, repository] of [["StandardRuntime", "StandardRepository"], ["ExecutiveRuntime", "ExecutiveRepository"]] as const) {
      const runtime = template.toJSON().Resources[logicalId(template, "AWS::BedrockAgentCore::Runtime", prefix)].Properties;
      expect(runtime.ProtocolConfiguration).toBe("HTTP");
      expect(runtime.NetworkConfiguration).toEqual({ NetworkMode: "PUBLIC" });
      const uri = JSON.stringify(runtime.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri);
      expect(uri).toContain(repository);
      expect(uri).toMatch(/:v1\.2\.3"\]\]\}$/);
    }
  });

  it("take their lifecycle from context: a shared value and a per-runtime override", () => {
    template.hasResourceProperties("AWS::BedrockAgentCore::Runtime", {
      AgentRuntimeName: "clawgate_standard",
      LifecycleConfiguration: { IdleRuntimeSessionTimeout: 600, MaxLifetime: 28_800 },
    });
    template.hasResourceProperties("AWS::BedrockAgentCore::Runtime", {
      AgentRuntimeName: "clawgate_executive",
      LifecycleConfiguration: { IdleRuntimeSessionTimeout: 600, MaxLifetime: 14_400 },
    });
  });

  it("configure the container with its model; only the standard runtime gets the guardrail", () => {
    template.hasResourceProperties("AWS::BedrockAgentCore::Runtime", {
      AgentRuntimeName: "clawgate_standard",
      EnvironmentVariables: {
        BEDROCK_MODEL_ID: TEST_MODELS.standard,
        BEDROCK_REGION: { Ref: "AWS::Region" },
        BEDROCK_GUARDRAIL_ID: { "Fn::GetAtt": [guardrail, "GuardrailId"] },
        BEDROCK_GUARDRAIL_VERSION: { "Fn::GetAtt": [guardrailVersion, "Version"] },
      },
    });
    template.hasResourceProperties("AWS::BedrockAgentCore::Runtime", {
      AgentRuntimeName: "clawgate_executive",
      EnvironmentVariables: { BEDROCK_MODEL_ID: TEST_MODELS.executive, BEDROCK_REGION: { Ref: "AWS::Region" } },
    });
  });

  it("never receive a secret in their environment", () => {
    const runtimes = template.findResources("AWS::BedrockAgentCore::Runtime");
    for (const runtime of Object.values(runtimes)) {
      const names = Object.keys(runtime.Properties.EnvironmentVariables);
      expect(names.filter((name) => /SECRET|KEY|TOKEN|PASSWORD/.test(name))).toEqual([]);
    }
  });

  it("keep their logs for the configured retention", () => {
    for (const prefix of ["StandardRuntime", "ExecutiveRuntime"]) {
      const runtime = logicalId(template, "AWS::BedrockAgentCore::Runtime", prefix);
      template.hasResourceProperties("AWS::Logs::LogGroup", {
        RetentionInDays: 30,
        LogGroupName: { "Fn::Join": ["", ["/aws/bedrock-agentcore/runtimes/", { "Fn::GetAtt": [runtime, "AgentRuntimeId"] }, "-DEFAULT"]] },
      });
    }
  });

  it("are created only after their execution role's policy exists", () => {
    const runtime = template.toJSON().Resources[logicalId(template, "AWS::BedrockAgentCore::Runtime", "StandardRuntime")];
    expect(runtime.DependsOn).toContain(logicalId(template, "AWS::IAM::Policy", "StandardRuntimeExecutionRoleDefaultPolicy"));
  });
});

describe("the image repositories", () => {
  it("scan on push, keep tags immutable and expire old images", () => {
    imagesTemplate.resourceCountIs("AWS::ECR::Repository", 2);
    for (const name of ["clawgate-agent-standard", "clawgate-agent-executive"]) {
      imagesTemplate.hasResourceProperties("AWS::ECR::Repository", {
        RepositoryName: name,
        ImageScanningConfiguration: { ScanOnPush: true },
        ImageTagMutability: "IMMUTABLE",
        LifecyclePolicy: { LifecyclePolicyText: Match.serializedJson(Match.objectLike({ rules: Match.arrayWith([Match.objectLike({ selection: Match.objectLike({ countType: "imageCountMoreThan" }) })]) })) },
      });
    }
  });

  it("are named in the images stack's outputs", () => {
    expect(Object.keys(imagesTemplate.toJSON().Outputs)).toEqual(expect.arrayContaining(["StandardRepositoryUri", "ExecutiveRepositoryUri"]));
  });
});

describe("the standard guardrail", () => {
  it("denies topics, blocks credentials, anonymises identity numbers and says why it blocked", () => {
    const [properties] = Object.values(template.findResources("AWS::Bedrock::Guardrail")).map((r) => r.Properties);
    const topics = properties.TopicPolicyConfig.TopicsConfig as { Type: string; Definition: string; InputAction: string }[];
    expect(topics.length).toBeGreaterThanOrEqual(2);
    // Bedrock limits a topic definition to 200 characters.
    expect(topics.every((topic) => topic.Type === "DENY" && topic.InputAction === "BLOCK" && topic.Definition.length <= 200)).toBe(true);
    const pii = properties.SensitiveInformationPolicyConfig.PiiEntitiesConfig as { Type: string; Action: string }[];
    expect(pii).toEqual(expect.arrayContaining([expect.objectContaining({ Type: "AWS_SECRET_KEY", Action: "BLOCK" }), expect.objectContaining({ Type: "PASSWORD", Action: "BLOCK" })]));
    expect(pii.some((entity) => entity.Action === "ANONYMIZE")).toBe(true);
    expect(properties.BlockedInputMessaging).toBe(BLOCKED_INPUT_MESSAGE);
    expect(properties.BlockedOutputsMessaging).toBe(BLOCKED_OUTPUT_MESSAGE);
  });

  it("is published as a version that the outputs name", () => {
    template.hasResourceProperties("AWS::Bedrock::GuardrailVersion", { GuardrailIdentifier: { "Fn::GetAtt": [guardrail, "GuardrailId"] } });
    const outputs = template.toJSON().Outputs;
    expect(outputs.GuardrailId.Value).toEqual({ "Fn::GetAtt": [guardrail, "GuardrailId"] });
    expect(outputs.GuardrailVersion.Value).toEqual({ "Fn::GetAtt": [guardrailVersion, "Version"] });
  });
});

describe("the stack outputs", () => {
  it("carry what the admin registers: runtime ARNs, qualifier, region, guardrail and edge identity", () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(
      ["EdgePolicyArn", "EdgeUserName", "ExecutiveRuntimeArn", "GuardrailId", "GuardrailVersion", "Region", "RuntimeQualifier", "StandardRuntimeArn"].sort(),
    );
  });
});

import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { SettingsError } from "../src/config.ts";
import { actionsOf, logicalId, statementsOf, synthesise, TEST_CERTIFICATE, TEST_MODELS } from "./synth.ts";

const NETWORK_TYPES = ["AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::EC2::VPC", "AWS::SecretsManager::Secret"];

describe("alwaysOn off (the default)", () => {
  const { template } = synthesise();

  it("creates no ECS service, load balancer, VPC or secret", () => {
    for (const type of NETWORK_TYPES) template.resourceCountIs(type, 0);
  });
});

describe("alwaysOn=true", () => {
  const { template } = synthesise({ alwaysOn: "true", alwaysOnCertificateArn: TEST_CERTIFICATE });
  const taskRole = logicalId(template, "AWS::IAM::Role", "AlwaysOnTaskRole");
  const executionRole = logicalId(template, "AWS::IAM::Role", "AlwaysOnTaskExecutionRole");
  const secret = logicalId(template, "AWS::SecretsManager::Secret", "AlwaysOnRuntimeSecret");

  it("runs the standard image on Fargate (arm64) in private subnets without a public IP", () => {
    template.resourceCountIs("AWS::ECS::Service", 1);
    template.hasResourceProperties("AWS::ECS::Service", {
      LaunchType: "FARGATE",
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: "DISABLED", Subnets: Match.arrayWith([Match.objectLike({ Ref: Match.stringLikeRegexp("agentsSubnet") })]) } },
    });
    template.hasResourceProperties("AWS::ECS::TaskDefinition", { RuntimePlatform: { CpuArchitecture: "ARM64", OperatingSystemFamily: "LINUX" } });
    const [task] = Object.values(template.findResources("AWS::ECS::TaskDefinition"));
    const [container] = task!.Properties.ContainerDefinitions;
    expect(JSON.stringify(container.Image)).toContain("StandardRepository");
    expect(container.Environment).toEqual(expect.arrayContaining([{ Name: "BEDROCK_MODEL_ID", Value: TEST_MODELS.standard }]));
  });

  it("gets its HMAC key from Secrets Manager, never in plain environment", () => {
    const [task] = Object.values(template.findResources("AWS::ECS::TaskDefinition"));
    const [container] = task!.Properties.ContainerDefinitions;
    expect(container.Secrets).toEqual([{ Name: "CLAWGATE_RUNTIME_SECRET", ValueFrom: { Ref: secret } }]);
    expect(container.Environment.map((variable: { Name: string }) => variable.Name)).not.toContain("CLAWGATE_RUNTIME_SECRET");
  });

  it("lets only the task execution role read the secret; the task and AgentCore roles have no secret store", () => {
    const reads = (roleId: string) => statementsOf(template, roleId).filter((s) => actionsOf(s).some((a) => a.startsWith("secretsmanager:")));
    expect(reads(executionRole).flatMap((s) => [s.Resource].flat())).toEqual([{ Ref: secret }]);
    for (const roleId of [taskRole, logicalId(template, "AWS::IAM::Role", "StandardRuntimeExecutionRole"), logicalId(template, "AWS::IAM::Role", "ExecutiveRuntimeExecutionRole")]) {
      expect(reads(roleId)).toEqual([]);
    }
  });

  it("gives the task role its model and guardrail only", () => {
    expect(new Set(statementsOf(template, taskRole).flatMap(actionsOf))).toEqual(new Set(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:ApplyGuardrail"]));
  });

  it("is reachable only over HTTPS, and only signed POST /invocations and GET /ping reach a task", () => {
    template.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
      Port: 443,
      Protocol: "HTTPS",
      Certificates: [{ CertificateArn: TEST_CERTIFICATE }],
      DefaultActions: [Match.objectLike({ Type: "fixed-response", FixedResponseConfig: Match.objectLike({ StatusCode: "404" }) })],
    });
    template.resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 2);
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", {
      Priority: 20,
      Conditions: [
        Match.objectLike({ Field: "path-pattern", PathPatternConfig: { Values: ["/ping"] } }),
        Match.objectLike({ Field: "http-request-method", HttpRequestMethodConfig: { Values: ["GET"] } }),
      ],
      Actions: [Match.objectLike({ Type: "forward" })],
    });
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", {
      Conditions: Match.arrayWith([
        Match.objectLike({ Field: "path-pattern", PathPatternConfig: { Values: ["/invocations"] } }),
        Match.objectLike({ Field: "http-request-method", HttpRequestMethodConfig: { Values: ["POST"] } }),
        Match.objectLike({ Field: "http-header", HttpHeaderConfig: { HttpHeaderName: "x-clawgate-signature", Values: ["v1=*"] } }),
      ]),
    });
  });

  it("accepts task traffic only from the load balancer", () => {
    const ingress = Object.values(template.findResources("AWS::EC2::SecurityGroupIngress")).map((r) => r.Properties);
    const toTasks = ingress.filter((rule) => rule.FromPort === 8080);
    expect(toTasks.length).toBe(1);
    expect(JSON.stringify(toTasks[0]!.SourceSecurityGroupId)).toContain("LoadBalancerSecurityGroup");
  });

  it("outputs the load balancer's name and the secret's ARN, not the secret", () => {
    const outputs = template.toJSON().Outputs;
    expect(outputs.AlwaysOnRuntimeSecretArn.Value).toEqual({ Ref: secret });
    expect(JSON.stringify(outputs)).not.toContain("SecretString");
  });

  it("refuses to synthesise without a certificate for the HTTPS listener", () => {
    expect(() => synthesise({ alwaysOn: "true" })).toThrow(SettingsError);
    expect(() => synthesise({ alwaysOn: "true" })).toThrow(/alwaysOnCertificateArn/);
  });
});

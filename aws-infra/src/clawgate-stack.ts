/**
 * The AWS side of ClawGate: the standard and executive AgentCore runtimes, the standard runtime's
 * guardrail, the edge's identity and, when asked for, an always-on ECS service. Its outputs are
 * what the admin registers in ClawGate (`npm run import-stack-outputs`).
 */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type * as ecr from "aws-cdk-lib/aws-ecr";
import type * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { AgentRuntime, DEFAULT_ENDPOINT } from "./agent-runtime.ts";
import { AlwaysOnService } from "./always-on-service.ts";
import type { ClawGateSettings, RuntimeKind } from "./config.ts";
import { EdgeIdentity } from "./edge-identity.ts";
import { OUTPUTS } from "./output-keys.ts";
import { StandardGuardrail } from "./standard-guardrail.ts";

export interface ClawGateStackProps extends StackProps {
  settings: ClawGateSettings;
  repositories: Record<RuntimeKind, ecr.IRepository>;
}

export class ClawGateStack extends Stack {
  readonly runtimes: Record<RuntimeKind, AgentRuntime>;
  readonly guardrail: StandardGuardrail;
  readonly edge: EdgeIdentity;
  readonly alwaysOn?: AlwaysOnService;

  constructor(scope: Construct, id: string, props: ClawGateStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const logRetention = settings.logRetentionDays as logs.RetentionDays;

    this.guardrail = new StandardGuardrail(this, "StandardGuardrail", { name: `${settings.prefix}-standard` });
    const runtime = (kind: RuntimeKind, guarded: boolean) =>
      new AgentRuntime(this, `${kind[0]!.toUpperCase()}${kind.slice(1)}Runtime`, {
        prefix: settings.prefix,
        kind,
        settings: settings.runtimes[kind],
        repository: props.repositories[kind],
        imageTag: settings.imageTag,
        logRetention,
        ...(guarded ? { guardrail: this.guardrail.reference } : {}),
      });
    this.runtimes = { standard: runtime("standard", true), executive: runtime("executive", false) };

    this.edge = new EdgeIdentity(this, "Edge", {
      prefix: settings.prefix,
      runtimes: [this.runtimes.standard, this.runtimes.executive],
      guardrailArn: this.guardrail.guardrail.attrGuardrailArn,
      assistantModelId: settings.assistantModelId,
    });

    if (settings.alwaysOn) {
      const kind = settings.alwaysOn.runtime;
      this.alwaysOn = new AlwaysOnService(this, "AlwaysOn", {
        prefix: settings.prefix,
        settings: settings.alwaysOn,
        repository: props.repositories[kind],
        imageTag: settings.imageTag,
        modelId: settings.runtimes[kind].modelId,
        logRetention,
        ...(kind === "standard" ? { guardrail: this.guardrail.reference } : {}),
      });
    }

    this.#outputs();
  }

  #outputs() {
    const output = (key: string, value: string, description: string) => new CfnOutput(this, key, { value, description });
    output(OUTPUTS.region, this.region, "Region of the runtimes, the guardrail and the models");
    output(OUTPUTS.runtimeArn.standard, this.runtimes.standard.runtime.attrAgentRuntimeArn, "AgentCore runtime for standard agents (guardrailed)");
    output(OUTPUTS.runtimeArn.executive, this.runtimes.executive.runtime.attrAgentRuntimeArn, "AgentCore runtime for executive agents");
    output(OUTPUTS.runtimeQualifier, DEFAULT_ENDPOINT, "Endpoint (qualifier) the edge invokes on both runtimes");
    output(OUTPUTS.guardrailId, this.guardrail.guardrail.attrGuardrailId, "Bedrock guardrail of the standard runtime");
    output(OUTPUTS.guardrailVersion, this.guardrail.guardrailVersion.attrVersion, "Published guardrail version to apply");
    output(OUTPUTS.edgeUserName, this.edge.user.userName, "IAM user for the Cloudflare edge: create its access key with aws iam create-access-key");
    output(OUTPUTS.edgePolicyArn, this.edge.policy.managedPolicyArn, "The edge's permissions, to attach to a federated role instead of the user");
    if (this.alwaysOn) {
      output(OUTPUTS.alwaysOnUrl, this.alwaysOn.loadBalancer.loadBalancerDnsName, "Point your always-on hostname (CNAME) here; the edge calls https://<hostname>");
      output(OUTPUTS.alwaysOnSecretArn, this.alwaysOn.runtimeSecret.secretArn, "HMAC secret of the always-on service: the Worker's RUNTIME_SECRET");
    }
  }
}

/**
 * The AWS identity of the Cloudflare edge: an IAM user whose access key the operator creates
 * (`aws iam create-access-key`) and stores only as Worker secrets. The stack never creates the key,
 * so the secret never passes through CloudFormation, its outputs or its logs.
 *
 * Why a user and not a role: a Worker has no AWS-trusted identity of its own to assume a role with
 * (no instance profile, no OIDC token AWS would accept), so any role would still need a long-lived
 * key somewhere. The permissions live in a customer-managed policy, so an organisation with its own
 * federation broker can attach the very same policy to a role instead.
 */
import { Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import type { AgentRuntime } from "./agent-runtime.ts";
import { modelInvokeStatements, modelWildcardAcknowledgements } from "./model-access.ts";

export interface EdgeIdentityProps {
  prefix: string;
  /** The AgentCore runtimes the edge invokes: these and no others. */
  runtimes: AgentRuntime[];
  guardrailArn: string;
  assistantModelId: string;
}

export class EdgeIdentity extends Construct {
  readonly user: iam.User;
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: EdgeIdentityProps) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, "Policy", {
      managedPolicyName: `${props.prefix}-edge`,
      description: "ClawGate edge: invoke and stop sessions on its AgentCore runtimes, apply its guardrail, call the admin-assistant model",
      statements: [
        new iam.PolicyStatement({
          sid: "InvokeAgentRuntimes",
          actions: ["bedrock-agentcore:InvokeAgentRuntime", "bedrock-agentcore:StopRuntimeSession"],
          resources: props.runtimes.flatMap((runtime) => runtime.invokeResources),
        }),
        new iam.PolicyStatement({ sid: "ApplyGuardrail", actions: ["bedrock:ApplyGuardrail"], resources: [props.guardrailArn] }),
        ...modelInvokeStatements(props.assistantModelId, "AdminAssistantModel"),
      ],
    });
    this.user = new iam.User(this, "User", { userName: `${props.prefix}-edge`, managedPolicies: [this.policy] });

    const reasons: Record<string, string> = {};
    for (const runtime of props.runtimes) {
      // nag names a token ARN by the logical id of the resource it comes from.
      const logicalId = Stack.of(this).getLogicalId(runtime.runtime);
      reasons[`AwsSolutions-IAM5[Resource::<${logicalId}.AgentRuntimeArn>/runtime-endpoint/*]`] =
        "The endpoints (qualifiers) of this one runtime: InvokeAgentRuntime is authorised on the runtime and on the endpoint it targets.";
    }
    for (const [id, reason] of Object.entries({ ...reasons, ...modelWildcardAcknowledgements(props.assistantModelId) })) Validations.of(this.policy).acknowledge({ id, reason });
  }
}

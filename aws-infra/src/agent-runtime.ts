/**
 * One Bedrock AgentCore runtime running the ClawGate agent image, with an execution role that can
 * pull its own image, write its own logs and metrics, and invoke its own model — nothing else.
 * The container holds no storage credentials by design (content is pushed by hash in every
 * invocation), so the role has no S3, DynamoDB, SSM or Secrets Manager access at all.
 */
import { Aws, Validations } from "aws-cdk-lib";
import { CfnRuntime } from "aws-cdk-lib/aws-bedrockagentcore";
import type * as ecr from "aws-cdk-lib/aws-ecr";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { RuntimeKind, RuntimeSettings } from "./config.ts";
import { modelInvokeStatements, modelWildcardAcknowledgements } from "./model-access.ts";
import type { GuardrailReference } from "./standard-guardrail.ts";

/** The endpoint AgentCore creates with every runtime; the edge invokes it (qualifier DEFAULT). */
export const DEFAULT_ENDPOINT = "DEFAULT";

export interface AgentRuntimeProps {
  prefix: string;
  kind: RuntimeKind;
  settings: RuntimeSettings;
  repository: ecr.IRepository;
  imageTag: string;
  logRetention: logs.RetentionDays;
  /** Applied by the model proxy to every model call (ConverseStream guardrailConfig). */
  guardrail?: GuardrailReference;
}

export class AgentRuntime extends Construct {
  readonly runtime: CfnRuntime;
  readonly role: iam.Role;
  readonly runtimeName: string;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AgentRuntimeProps) {
    super(scope, id);
    // AgentCore names: letters, digits and underscores; the runtime id is this name plus a random suffix.
    this.runtimeName = `${props.prefix}_${props.kind}`;
    this.role = executionRole(this, this.runtimeName, props);

    this.runtime = new CfnRuntime(this, "Runtime", {
      agentRuntimeName: this.runtimeName,
      description: `ClawGate ${props.kind} agents (OpenClaw behind the ClawGate model proxy)`,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: props.repository.repositoryUriForTag(props.imageTag) } },
      // The agent's shell tool may reach the internet like a laptop would; inbound calls are SigV4-only.
      networkConfiguration: { networkMode: "PUBLIC" },
      protocolConfiguration: "HTTP",
      roleArn: this.role.roleArn,
      lifecycleConfiguration: {
        idleRuntimeSessionTimeout: props.settings.lifecycle.idleTimeoutSeconds,
        maxLifetime: props.settings.lifecycle.maxLifetimeSeconds,
      },
      environmentVariables: containerEnvironment(props.settings.modelId, props.guardrail),
    });
    // AgentCore checks at creation that the role can pull the image, so its policies must exist first.
    this.runtime.node.addDependency(this.role);

    // AgentCore writes the runtime's logs here; created by the stack so that they expire.
    this.logGroup = new logs.LogGroup(this, "Logs", {
      logGroupName: `/aws/bedrock-agentcore/runtimes/${this.runtime.attrAgentRuntimeId}-${DEFAULT_ENDPOINT}`,
      retention: props.logRetention,
    });
  }

  /** The runtime and its endpoints: InvokeAgentRuntime with a qualifier is authorised on both. */
  get invokeResources(): string[] {
    return [this.runtime.attrAgentRuntimeArn, `${this.runtime.attrAgentRuntimeArn}/runtime-endpoint/*`];
  }
}

/** The agent container's configuration (agent-container/src/config.ts); no secret is ever set here. */
export function containerEnvironment(modelId: string, guardrail?: GuardrailReference): Record<string, string> {
  return {
    BEDROCK_MODEL_ID: modelId,
    BEDROCK_REGION: Aws.REGION,
    ...(guardrail ? { BEDROCK_GUARDRAIL_ID: guardrail.guardrailId, BEDROCK_GUARDRAIL_VERSION: guardrail.version } : {}),
  };
}

function executionRole(scope: Construct, runtimeName: string, props: AgentRuntimeProps): iam.Role {
  // Pseudo-parameters, never literal values: the stacks are environment-agnostic.
  const region = Aws.REGION;
  const account = Aws.ACCOUNT_ID;
  const role = new iam.Role(scope, "ExecutionRole", {
    description: `Assumed by AgentCore to run ${runtimeName}: image pull, own logs and metrics, one Bedrock model`,
    // Confused-deputy guard: only AgentCore acting for this account and region may assume it.
    assumedBy: new iam.ServicePrincipal("bedrock-agentcore.amazonaws.com", {
      conditions: {
        StringEquals: { "aws:SourceAccount": account },
        ArnLike: { "aws:SourceArn": `arn:${Aws.PARTITION}:bedrock-agentcore:${region}:${account}:*` },
      },
    }),
  });
  const logGroupArn = `arn:${Aws.PARTITION}:logs:${region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/${runtimeName}-*`;
  const identityDirectory = `arn:${Aws.PARTITION}:bedrock-agentcore:${region}:${account}:workload-identity-directory/default`;
  const statements = [
    new iam.PolicyStatement({ sid: "PullOwnImage", actions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], resources: [props.repository.repositoryArn] }),
    new iam.PolicyStatement({ sid: "OwnLogGroup", actions: ["logs:CreateLogGroup", "logs:DescribeLogStreams"], resources: [logGroupArn] }),
    new iam.PolicyStatement({ sid: "OwnLogStreams", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${logGroupArn}:log-stream:*`] }),
    new iam.PolicyStatement({ sid: "FindLogGroups", actions: ["logs:DescribeLogGroups"], resources: [`arn:${Aws.PARTITION}:logs:${region}:${account}:log-group:*`] }),
    // AgentCore hands each invocation a workload access token for this runtime's own identity.
    new iam.PolicyStatement({
      sid: "OwnWorkloadIdentity",
      actions: ["bedrock-agentcore:GetWorkloadAccessToken", "bedrock-agentcore:GetWorkloadAccessTokenForJWT", "bedrock-agentcore:GetWorkloadAccessTokenForUserId"],
      resources: [identityDirectory, `${identityDirectory}/workload-identity/${runtimeName}-*`],
    }),
    ...modelInvokeStatements(props.settings.modelId, "InvokeOwnModel"),
  ];
  // Converse with a guardrailConfig needs ApplyGuardrail on that guardrail too.
  if (props.guardrail) statements.push(new iam.PolicyStatement({ sid: "ApplyOwnGuardrail", actions: ["bedrock:ApplyGuardrail"], resources: [props.guardrail.guardrailArn] }));
  for (const statement of statements) role.addToPolicy(statement);
  acknowledgeScopedWildcards(role, runtimeName, props.settings.modelId);

  // The two actions IAM cannot scope to a resource live in a policy of their own, so that the
  // acknowledgement of `Resource::*` covers exactly them and would not hide a new `*` grant above.
  const unscoped = new iam.Policy(role, "UnscopedActions", {
    roles: [role],
    statements: [
      new iam.PolicyStatement({ sid: "EcrLogin", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] }),
      new iam.PolicyStatement({
        sid: "AgentCoreMetrics",
        actions: ["cloudwatch:PutMetricData"],
        resources: ["*"],
        conditions: { StringEquals: { "cloudwatch:namespace": "bedrock-agentcore" } },
      }),
    ],
  });
  Validations.of(unscoped).acknowledge({
    id: "AwsSolutions-IAM5[Resource::*]",
    reason: "ecr:GetAuthorizationToken has no resource type; cloudwatch:PutMetricData has none either and is limited to the bedrock-agentcore namespace by condition.",
  });
  return role;
}

function acknowledgeScopedWildcards(role: iam.Role, runtimeName: string, modelId: string) {
  const logs = `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group`;
  const reasons: Record<string, string> = {
    [`AwsSolutions-IAM5[Resource::${logs}:/aws/bedrock-agentcore/runtimes/${runtimeName}-*]`]:
      "AgentCore names the log group after the runtime id, which is this runtime's name plus a suffix it generates.",
    [`AwsSolutions-IAM5[Resource::${logs}:/aws/bedrock-agentcore/runtimes/${runtimeName}-*:log-stream:*]`]: "Log streams are created per microVM session inside this runtime's own log group.",
    [`AwsSolutions-IAM5[Resource::${logs}:*]`]: "logs:DescribeLogGroups is a list operation that IAM only authorises on all log groups; it reads no log data.",
    [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock-agentcore:<AWS::Region>:<AWS::AccountId>:workload-identity-directory/default/workload-identity/${runtimeName}-*]`]:
      "The workload identity AgentCore creates for this runtime is named after the runtime id (name plus generated suffix).",
  };
  for (const [id, reason] of Object.entries({ ...reasons, ...modelWildcardAcknowledgements(modelId) })) Validations.of(role).acknowledge({ id, reason });
}

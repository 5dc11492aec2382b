/**
 * IAM statements that let a principal invoke exactly one Bedrock model, never `*`.
 *
 * A model id is either a foundation model (`anthropic.claude-…`) or a system-defined cross-region
 * inference profile (`us.anthropic.claude-…`). A profile is authorised twice: on the profile in
 * this region, and on the foundation model in whichever destination region Bedrock routes the
 * request to. The second statement names one model and only holds when the request came through
 * this very profile (bedrock:InferenceProfileArn), so it cannot be used to call the model directly
 * or through another profile.
 */
import { Aws } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";

/** Converse authorises as InvokeModel, ConverseStream as InvokeModelWithResponseStream. */
export const MODEL_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

const PROFILE_PREFIX = /^(us|us-gov|eu|apac|jp|au|ca|global)\.(.+)$/;

export interface ModelTarget {
  modelId: string;
  /** The foundation model behind the id (the id itself when it is not a profile). */
  foundationModelId: string;
  profile: "none" | "geographic" | "global";
}

export function modelTarget(modelId: string): ModelTarget {
  const match = PROFILE_PREFIX.exec(modelId);
  if (!match) return { modelId, foundationModelId: modelId, profile: "none" };
  return { modelId, foundationModelId: match[2]!, profile: match[1] === "global" ? "global" : "geographic" };
}

export function inferenceProfileArn(modelId: string): string {
  return `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}:${Aws.ACCOUNT_ID}:inference-profile/${modelId}`;
}

export function modelInvokeStatements(modelId: string, sid: string): iam.PolicyStatement[] {
  const target = modelTarget(modelId);
  if (target.profile === "none") {
    return [
      new iam.PolicyStatement({
        sid,
        actions: MODEL_INVOKE_ACTIONS,
        resources: [`arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/${target.foundationModelId}`],
      }),
    ];
  }
  const profileArn = inferenceProfileArn(modelId);
  const modelArns = [`arn:${Aws.PARTITION}:bedrock:*::foundation-model/${target.foundationModelId}`];
  // Global profiles route beyond any listed region; Bedrock then authorises the region-less model ARN.
  if (target.profile === "global") modelArns.push(`arn:${Aws.PARTITION}:bedrock:::foundation-model/${target.foundationModelId}`);
  return [
    new iam.PolicyStatement({ sid: `${sid}Profile`, actions: MODEL_INVOKE_ACTIONS, resources: [profileArn] }),
    new iam.PolicyStatement({
      sid: `${sid}ThroughProfile`,
      actions: MODEL_INVOKE_ACTIONS,
      resources: modelArns,
      conditions: { StringEquals: { "bedrock:InferenceProfileArn": profileArn } },
    }),
  ];
}

/** cdk-nag acknowledgements (finding id → reason) for the region wildcard a profile's model statement needs. */
export function modelWildcardAcknowledgements(modelId: string): Record<string, string> {
  const target = modelTarget(modelId);
  if (target.profile === "none") return {};
  return {
    [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/${target.foundationModelId}]`]:
      "A cross-region inference profile routes to this one model in any destination region; the statement only holds through this profile (bedrock:InferenceProfileArn).",
  };
}

/**
 * The CloudFormation output keys of both stacks: written by the stacks, read back by
 * `npm run import-stack-outputs`. Kept free of CDK imports so the import command loads fast.
 */
export const OUTPUTS = {
  region: "Region",
  runtimeArn: { standard: "StandardRuntimeArn", executive: "ExecutiveRuntimeArn" },
  runtimeQualifier: "RuntimeQualifier",
  guardrailId: "GuardrailId",
  guardrailVersion: "GuardrailVersion",
  edgeUserName: "EdgeUserName",
  edgePolicyArn: "EdgePolicyArn",
  alwaysOnUrl: "AlwaysOnLoadBalancerDns",
  alwaysOnSecretArn: "AlwaysOnRuntimeSecretArn",
} as const;

/** Where `docker buildx … --push` sends each image. */
export const REPOSITORY_OUTPUTS = { standard: "StandardRepositoryUri", executive: "ExecutiveRepositoryUri" } as const;

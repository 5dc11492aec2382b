/**
 * Turns the stack outputs into what ClawGate needs: the runtimes for POST /api/admin/runtimes
 * (validated against the same contract the edge enforces), and the steps that have no API —
 * the guardrail for the Security Center, the edge's access key and the always-on secret.
 */
import { CreateRuntime } from "@clawgate/contracts";
import { OutputsError, type StackOutputs } from "./stack-outputs.ts";

/** Runtime names as the admin sees them; the standard runtime becomes the default. */
export const RUNTIME_NAMES = { standard: "AgentCore standard", executive: "AgentCore executive" } as const;

export function runtimeBodies(outputs: StackOutputs): CreateRuntime[] {
  return (["standard", "executive"] as const).map((kind) => {
    const body = CreateRuntime.safeParse({ name: RUNTIME_NAMES[kind], kind: "agentcore", arn: outputs.runtimes[kind], region: outputs.region, qualifier: outputs.qualifier });
    if (!body.success) throw new OutputsError(`The ${kind} runtime in the outputs is not one ClawGate accepts: ${body.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
    return body.data;
  });
}

/** The steps that stay manual, as shell commands and values to enter. */
export function manualSteps(outputs: StackOutputs): string[] {
  const steps = [
    `Security Center → guardrail for the standard runtime (region ${outputs.region}): id ${outputs.guardrail.id}, version ${outputs.guardrail.version}`,
    [
      "The edge's AWS key (created by you, never by the stack; rotate by creating a second key, updating both secrets, deleting the first):",
      `  aws iam create-access-key --user-name ${outputs.edgeUserName} --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text`,
      "  npx wrangler secret put AWS_ACCESS_KEY_ID",
      "  npx wrangler secret put AWS_SECRET_ACCESS_KEY",
    ].join("\n"),
  ];
  if (outputs.alwaysOn) {
    steps.push(
      [
        "Always-on service: point a DNS name covered by its certificate (CNAME) at",
        `  ${outputs.alwaysOn.loadBalancerDns}`,
        "and give the Worker its HMAC key:",
        `  aws secretsmanager get-secret-value --secret-id ${outputs.alwaysOn.secretArn} --query SecretString --output text | npx wrangler secret put RUNTIME_SECRET`,
        "Then set https://<that name> as the always-on endpoint of the employees who need one (console → routing).",
      ].join("\n"),
    );
  }
  return steps;
}

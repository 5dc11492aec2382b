/**
 * The ECR repositories for the agent images, in a stack of their own: an AgentCore runtime can only
 * be created from an image that already exists, so the repositories are deployed first, the image
 * pushed, and only then the runtimes (ClawGateStack) that point at it.
 */
import { CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import * as ecr from "aws-cdk-lib/aws-ecr";
import type { Construct } from "constructs";
import { RUNTIME_KINDS, type RuntimeKind } from "./config.ts";
import { REPOSITORY_OUTPUTS } from "./output-keys.ts";

/** Tagged images kept per repository: enough to roll back well past any bad release. */
export const KEPT_IMAGES = 30;

export interface ImagesStackProps extends StackProps {
  prefix: string;
}

export class ImagesStack extends Stack {
  readonly repositories: Record<RuntimeKind, ecr.Repository>;

  constructor(scope: Construct, id: string, props: ImagesStackProps) {
    super(scope, id, props);
    const repository = (kind: RuntimeKind) =>
      new ecr.Repository(this, `${kind[0]!.toUpperCase()}${kind.slice(1)}Repository`, {
        repositoryName: `${props.prefix}-agent-${kind}`,
        imageScanOnPush: true,
        // A tag names one image forever: a runtime pinned to a tag can never silently change.
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        lifecycleRules: [
          // Untagged layers are only left behind by interrupted pushes.
          { rulePriority: 1, description: "Expire untagged images after 7 days", tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(7) },
          { rulePriority: 2, description: `Keep the ${KEPT_IMAGES} most recent images`, tagStatus: ecr.TagStatus.ANY, maxImageCount: KEPT_IMAGES },
        ],
      });
    this.repositories = Object.fromEntries(RUNTIME_KINDS.map((kind) => [kind, repository(kind)])) as Record<RuntimeKind, ecr.Repository>;
    for (const kind of RUNTIME_KINDS) {
      new CfnOutput(this, REPOSITORY_OUTPUTS[kind], { value: this.repositories[kind].repositoryUri, description: `Push the ${kind} agent image here` });
    }
  }
}

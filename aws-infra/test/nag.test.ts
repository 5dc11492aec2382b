import { Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { TEST_CERTIFICATE } from "./synth.ts";

const allConstructs = (root: IConstruct): IConstruct[] => [root, ...root.node.children.flatMap(allConstructs)];

describe("cdk-nag AwsSolutions", () => {
  it.each([
    ["the default app", {}],
    ["the app with the always-on service", { alwaysOn: "true", alwaysOnCertificateArn: TEST_CERTIFICATE }],
  ])("passes %s with every finding acknowledged", (_name, context) => {
    const { app } = createApp({ context: { imageTag: "v1", ...context } });
    // Throws ValidationFailed, listing every finding, if any is not acknowledged.
    expect(() => app.synth()).not.toThrow();
  });

  it("gives a specific reason for every acknowledgement", () => {
    const { app } = createApp({ context: { imageTag: "v1", alwaysOn: "true", alwaysOnCertificateArn: TEST_CERTIFICATE } });
    // Each acknowledgement is recorded as { "<rule id>": "<reason>" } on its construct (aws-cdk-lib records its own too).
    const acknowledgements = allConstructs(app)
      .flatMap((construct) =>
        construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((entry) => Object.entries(entry.data as Record<string, string>)),
      )
      .filter(([id]) => id.includes("AwsSolutions-"));
    expect(acknowledgements.length).toBeGreaterThan(5);
    for (const [id, reason] of acknowledgements) expect(reason.length, id).toBeGreaterThan(40);
  });

  it("stops the synth when an execution role gains an unacknowledged wildcard", () => {
    const { app, main } = createApp({ context: { imageTag: "v1" } });
    main.runtimes.standard.role.addToPolicy(new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] }));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULTS, settingsFromContext, SettingsError } from "../src/config.ts";
import { modelTarget } from "../src/model-access.ts";

const reader = (context: Record<string, unknown>) => (key: string) => context[key];

describe("settingsFromContext", () => {
  it("fills in the defaults around the image tag", () => {
    const settings = settingsFromContext(reader({ imageTag: "abc123" }));
    expect(settings).toMatchObject({
      prefix: "clawgate",
      imageTag: "abc123",
      runtimes: {
        standard: { modelId: DEFAULTS.standardModelId, lifecycle: { idleTimeoutSeconds: 900, maxLifetimeSeconds: 28_800 } },
        executive: { modelId: DEFAULTS.executiveModelId },
      },
      logRetentionDays: 90,
      alwaysOn: null,
    });
  });

  it("reads -c strings: numbers, flags and comma-separated lists", () => {
    const settings = settingsFromContext(
      reader({
        imageTag: "abc123",
        standardIdleTimeoutSeconds: "300",
        maxLifetimeSeconds: "3600",
        alwaysOn: "true",
        alwaysOnCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc-def",
        alwaysOnRuntime: "executive",
        alwaysOnIngressCidrs: "203.0.113.0/24, 198.51.100.0/24",
      }),
    );
    expect(settings.runtimes.standard.lifecycle).toEqual({ idleTimeoutSeconds: 300, maxLifetimeSeconds: 3600 });
    expect(settings.runtimes.executive.lifecycle).toEqual({ idleTimeoutSeconds: 900, maxLifetimeSeconds: 3600 });
    expect(settings.alwaysOn).toEqual({
      runtime: "executive",
      certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc-def",
      desiredCount: 1,
      ingressCidrs: ["203.0.113.0/24", "198.51.100.0/24"],
    });
  });

  it.each([
    [{}, /imageTag/],
    [{ imageTag: "v1", idleTimeoutSeconds: "30" }, /idleTimeoutSeconds.*60/s],
    [{ imageTag: "v1", executiveIdleTimeoutSeconds: "7200", executiveMaxLifetimeSeconds: "3600" }, /executiveIdleTimeoutSeconds.*must not exceed the max lifetime/s],
    [{ imageTag: "v1", standardModelId: "*" }, /standardModelId/],
    [{ imageTag: "v1", logRetentionDays: "10" }, /logRetentionDays/],
    [{ imageTag: "v1", alwaysOn: "yes" }, /alwaysOn must be true or false/],
    [{ imageTag: "v1", alwaysOn: "true", alwaysOnCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x", alwaysOnIngressCidrs: "everyone" }, /alwaysOnIngressCidrs/],
  ])("refuses %j with a message naming the key", (context, message) => {
    expect(() => settingsFromContext(reader(context))).toThrow(SettingsError);
    expect(() => settingsFromContext(reader(context))).toThrow(message);
  });
});

describe("modelTarget", () => {
  it.each([
    ["anthropic.claude-opus-4-5-20251101-v1:0", "none", "anthropic.claude-opus-4-5-20251101-v1:0"],
    ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "geographic", "anthropic.claude-sonnet-4-5-20250929-v1:0"],
    ["eu.amazon.nova-pro-v1:0", "geographic", "amazon.nova-pro-v1:0"],
    ["global.anthropic.claude-haiku-4-5-20251001-v1:0", "global", "anthropic.claude-haiku-4-5-20251001-v1:0"],
  ])("tells %s is a %s profile of %s", (modelId, profile, foundationModelId) => {
    expect(modelTarget(modelId)).toEqual({ modelId, profile, foundationModelId });
  });
});

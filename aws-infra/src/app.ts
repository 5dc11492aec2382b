/**
 * Builds the ClawGate CDK app — the images stack, the main stack, and cdk-nag's AwsSolutions
 * checks — from CDK context. Shared by `cdk deploy` (bin/app.ts), `npm run synth` (bin/synth.ts)
 * and the tests, so all three check exactly the same app.
 */
import { App, Validations, type AppProps } from "aws-cdk-lib";
import nag from "cdk-nag";
import { ClawGateStack } from "./clawgate-stack.ts";
import { settingsFromContext, type ClawGateSettings } from "./config.ts";
import { ImagesStack } from "./images-stack.ts";

// cdk-nag is CommonJS that re-exports through getters Node's ESM loader cannot see as named exports.
const { AwsSolutionsChecks } = nag;

export interface ClawGateApp {
  app: App;
  settings: ClawGateSettings;
  images: ImagesStack;
  main: ClawGateStack;
}

export function createApp(props: AppProps = {}): ClawGateApp {
  const app = new App(props);
  const settings = settingsFromContext((key) => app.node.tryGetContext(key));
  const images = new ImagesStack(app, `${settings.prefix}-images`, {
    prefix: settings.prefix,
    description: "ClawGate agent images (ECR): deploy first, then push the image",
  });
  const main = new ClawGateStack(app, settings.prefix, {
    settings,
    repositories: images.repositories,
    description: "ClawGate on AWS: AgentCore runtimes, guardrail, least-privilege edge identity",
  });
  // Any finding that is not acknowledged with a reason in code stops the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, settings, images, main };
}

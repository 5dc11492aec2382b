/**
 * Entry point for the CDK CLI (aws-infra/cdk.json): `npx aws-cdk@2 deploy --all -c imageTag=<tag>`.
 * The CLI synthesises the app when this module finishes.
 */
import { SettingsError } from "../src/config.ts";
import { createApp } from "../src/app.ts";

try {
  createApp();
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}

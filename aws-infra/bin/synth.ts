/**
 * `npm run synth`: synthesises the CloudFormation templates into aws-infra/cdk.out offline — no AWS
 * credentials, no CDK CLI — and fails on any unacknowledged cdk-nag finding or invalid setting.
 * Takes the CLI's `-c key=value` settings; without `-c imageTag=…` it checks with a placeholder tag.
 */
import { resolve } from "node:path";
import { SettingsError } from "../src/config.ts";
import { createApp } from "../src/app.ts";

const PLACEHOLDER_TAG = "synth-check";

function contextArgs(argv: string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag !== "-c" && flag !== "--context") throw new SettingsError(`Unknown argument ${flag}: use -c key=value`);
    const pair = argv[++i] ?? "";
    const at = pair.indexOf("=");
    if (at < 1) throw new SettingsError(`Expected key=value after ${flag}, got ${JSON.stringify(pair)}`);
    context[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return context;
}

try {
  const outdir = resolve(import.meta.dirname, "../cdk.out");
  const { app } = createApp({ outdir, context: { imageTag: PLACEHOLDER_TAG, ...contextArgs(process.argv.slice(2)) } });
  const assembly = app.synth();
  for (const stack of assembly.stacks) {
    const resources = Object.keys((stack.template as { Resources?: object }).Resources ?? {}).length;
    console.log(`${stack.stackName}: ${resources} resources → ${stack.templateFullPath}`);
  }
  console.log("cdk-nag AwsSolutions: no unacknowledged findings");
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}

/**
 * `npm run import-stack-outputs -- <outputs.json> [--api https://clawgate.example.com]`
 *
 * Reads `cdk deploy --all --outputs-file <outputs.json>` and registers the AgentCore runtimes in
 * ClawGate. With --api it signs in as the admin named by CLAWGATE_ADMIN_ID / CLAWGATE_ADMIN_PASSWORD
 * (environment, never arguments: they would land in shell history) and calls the admin API;
 * without it, it prints the exact request bodies. Either way it then lists the manual steps left.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AdminApi, AdminApiError, registerRuntimes } from "../src/import/admin-api.ts";
import { manualSteps, runtimeBodies } from "../src/import/registration.ts";
import { OutputsError, parseStackOutputs } from "../src/import/stack-outputs.ts";

const USAGE = "usage: npm run import-stack-outputs -- <outputs.json> [--api https://<your ClawGate host>]";

async function main(argv: string[]): Promise<number> {
  const apiAt = argv.indexOf("--api");
  const origin = apiAt >= 0 ? argv[apiAt + 1] : undefined;
  const files = argv.filter((_, i) => apiAt < 0 || (i !== apiAt && i !== apiAt + 1));
  if (files.length !== 1 || (apiAt >= 0 && !origin)) {
    console.error(USAGE);
    return 2;
  }
  // npm runs scripts from the repository root; the path is relative to where the command was typed.
  const outputs = parseStackOutputs(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!), "utf8"));
  const bodies = runtimeBodies(outputs);

  if (origin) {
    const employeeId = process.env.CLAWGATE_ADMIN_ID;
    const password = process.env.CLAWGATE_ADMIN_PASSWORD;
    if (!employeeId || !password) {
      console.error("Set CLAWGATE_ADMIN_ID and CLAWGATE_ADMIN_PASSWORD to an admin's sign-in to use --api.");
      return 2;
    }
    const api = new AdminApi(origin);
    await api.signIn(employeeId, password);
    for (const line of await registerRuntimes(api, bodies)) console.log(line);
  } else {
    console.log("Register the runtimes (as an admin: console → Runtimes, or the API):");
    for (const body of bodies) console.log(`  POST /api/admin/runtimes ${JSON.stringify(body)}`);
    console.log("  then, if no runtime is the default yet: PATCH /api/admin/runtimes/<id of AgentCore standard> {\"isDefault\":true}");
    console.log("  (or rerun with --api https://<your ClawGate host> to do this for you)");
  }
  console.log("");
  for (const step of manualSteps(outputs)) console.log(`${step}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (!(error instanceof OutputsError || error instanceof AdminApiError)) throw error;
    console.error(error.message);
    process.exit(1);
  },
);

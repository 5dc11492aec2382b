import { env } from "cloudflare:workers";
import type { Env } from "@clawgate/durable-objects";
import { acme } from "../src/seed/acme/index.ts";
import { seedOrg } from "../src/seed/seed.ts";

/** Test-only: the ACME org in this file's D1 and R2, with the default runtime at a fake address. */
export const RUNTIME_URL = "http://runtime.test";
export const testEnv = env as unknown as Env;

export async function seedAcme(): Promise<void> {
  await seedOrg(testEnv.DB, testEnv.CONTENT, acme, { runtimeUrl: RUNTIME_URL });
}

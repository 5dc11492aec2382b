import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

type Migrations = Parameters<typeof applyD1Migrations>[1];
const bindings = env as unknown as { DB: D1Database; TEST_MIGRATIONS: Migrations };

// Storage is isolated per test file; migrations are idempotent.
await applyD1Migrations(bindings.DB, bindings.TEST_MIGRATIONS);

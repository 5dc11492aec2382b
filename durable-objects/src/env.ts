import type { EmployeeAgent } from "./employee-agent/employee-agent.ts";
import type { ChannelDirectory } from "./channel-directory/channel-directory.ts";

/** Bindings and secrets of the ClawGate Worker (wrangler.toml; secrets via `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  CONTENT: R2Bucket;
  ASSETS?: Fetcher;
  EMPLOYEE_AGENT: DurableObjectNamespace<EmployeeAgent>;
  CHANNEL_DIRECTORY: DurableObjectNamespace<ChannelDirectory>;
  /** Signs session cookies. */
  SESSION_SECRET?: string;
  /** HMAC key shared with plain-HTTP runtimes (local dev, always-on containers). */
  RUNTIME_SECRET?: string;
  /** Credentials for SigV4 calls to AgentCore (a Worker secret in production). */
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  AWS_SESSION_TOKEN?: string;
  /** AES-256-GCM key for skill secrets at rest: 64 hex characters (a Worker secret; `npm run dev` makes one). */
  SKILL_SECRETS_KEY?: string;
  /** Set only by `npm run dev`: seeds the named demo org on first start. Production never sets it. */
  DEMO_SEED?: string;
  /** Local dev: where the seeded default runtime (the agent container) listens. */
  LOCAL_RUNTIME_URL?: string;
}

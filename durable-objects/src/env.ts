import type { EmployeeAgent } from "./employee-agent/employee-agent.ts";
import type { ChannelDirectory } from "./channel-directory/channel-directory.ts";
import type { ChannelIdentity } from "./channel-identity/channel-identity.ts";

/** Bindings and secrets of the ClawGate Worker (wrangler.toml; secrets via `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  CONTENT: R2Bucket;
  ASSETS?: Fetcher;
  EMPLOYEE_AGENT: DurableObjectNamespace<EmployeeAgent>;
  CHANNEL_DIRECTORY: DurableObjectNamespace<ChannelDirectory>;
  CHANNEL_IDENTITY: DurableObjectNamespace<ChannelIdentity>;
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
  /** Creating the first admin (POST /api/auth/setup) requires it; unused once an admin exists. */
  SETUP_TOKEN?: string;
  /** Set only by `npm run dev`: seeds the named demo org on first start. Production never sets it. */
  DEMO_SEED?: string;
  /** Telegram: the secret_token given to setWebhook (a Worker secret); unset = the webhook refuses everything. */
  TELEGRAM_WEBHOOK_SECRET?: string;
  /** Telegram: the company bot's token from @BotFather (a Worker secret). */
  TELEGRAM_BOT_TOKEN?: string;
  /** Telegram: the bot's @username without the @, for t.me deep links (a var). */
  TELEGRAM_BOT_USERNAME?: string;
  /** Telegram Bot API base; tests point it at a fake. Default https://api.telegram.org. */
  TELEGRAM_API_BASE?: string;
  /** Slack: the app's signing secret (a Worker secret) and bot token (xoxb-…, a Worker secret); API base overridable for tests. */
  SLACK_SIGNING_SECRET?: string;
  SLACK_BOT_TOKEN?: string;
  SLACK_API_BASE?: string;
  /** Discord: the application's public key (hex, a var) and id (a var); API base overridable for tests. */
  DISCORD_PUBLIC_KEY?: string;
  DISCORD_APPLICATION_ID?: string;
  DISCORD_API_BASE?: string;
  /** Feishu/Lark: verification token and encrypt key of the event subscription, app id and secret (Worker secrets). */
  FEISHU_VERIFICATION_TOKEN?: string;
  FEISHU_ENCRYPT_KEY?: string;
  FEISHU_APP_ID?: string;
  FEISHU_APP_SECRET?: string;
  FEISHU_API_BASE?: string;
  /** Local dev: where the seeded default runtime (the agent container) listens. */
  LOCAL_RUNTIME_URL?: string;
}

import type { ChannelName } from "@clawgate/contracts";
import type { Env } from "@clawgate/durable-objects";

type EnvKey = keyof Env & string;

/** Per channel: which Worker variables are public settings and which are secrets (only whether set is ever shown). */
const VARIABLES: Record<ChannelName, { settings: EnvKey[]; secrets: EnvKey[] }> = {
  telegram: { settings: ["TELEGRAM_BOT_USERNAME", "TELEGRAM_API_BASE"], secrets: ["TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_BOT_TOKEN"] },
  slack: { settings: ["SLACK_API_BASE"], secrets: ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"] },
  discord: { settings: ["DISCORD_PUBLIC_KEY", "DISCORD_APPLICATION_ID", "DISCORD_API_BASE"], secrets: [] },
  feishu: { settings: ["FEISHU_APP_ID", "FEISHU_API_BASE"], secrets: ["FEISHU_VERIFICATION_TOKEN", "FEISHU_ENCRYPT_KEY", "FEISHU_APP_SECRET"] },
};

/** What the bot of a channel needs before pairing makes sense. */
export function channelConfigured(env: Env, channel: ChannelName): boolean {
  switch (channel) {
    case "telegram":
      return Boolean(env.TELEGRAM_WEBHOOK_SECRET && env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_BOT_USERNAME);
    case "slack":
      return Boolean(env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN);
    case "discord":
      return Boolean(env.DISCORD_PUBLIC_KEY);
    case "feishu":
      return Boolean(env.FEISHU_VERIFICATION_TOKEN && env.FEISHU_APP_ID && env.FEISHU_APP_SECRET);
  }
}

export function channelSettings(env: Env, channel: ChannelName) {
  const { settings, secrets } = VARIABLES[channel];
  const value = (key: EnvKey) => (typeof env[key] === "string" ? (env[key] as string) : null);
  return {
    channel,
    configured: channelConfigured(env, channel),
    webhookPath: `/webhooks/${channel}`,
    settings: Object.fromEntries(settings.map((key) => [key, value(key)])),
    secrets: Object.fromEntries(secrets.map((key) => [key, Boolean(value(key))])),
  };
}

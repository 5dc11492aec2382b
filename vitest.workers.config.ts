import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** The edge Worker and the Durable Objects, tested inside workerd with local D1, R2 and DO storage. */
export default defineConfig(async () => {
  const migrations = await readD1Migrations("edge/migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            SESSION_SECRET: "test-session-secret-that-is-long-enough-0123",
            RUNTIME_SECRET: "test-runtime-secret",
            SKILL_SECRETS_KEY: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            SETUP_TOKEN: "test-setup-token-0123456789abcdef0123456789",
            TELEGRAM_WEBHOOK_SECRET: "test-telegram-webhook-secret",
            TELEGRAM_BOT_TOKEN: "123456:test-bot-token",
            TELEGRAM_BOT_USERNAME: "clawgate_test_bot",
            TELEGRAM_API_BASE: "https://telegram.test",
            SLACK_SIGNING_SECRET: "test-slack-signing-secret",
            SLACK_BOT_TOKEN: "xoxb-test",
            SLACK_API_BASE: "https://slack.test/api",
            // Test-only key pair; the private half is in edge/test/im-signing.ts.
            DISCORD_PUBLIC_KEY: "ed88f4df7fbe4b146968f824dbc840ebb26860cca2595602179b3d46ef2fd150",
            DISCORD_API_BASE: "https://discord.test/api/v10",
            FEISHU_VERIFICATION_TOKEN: "test-feishu-verification-token",
            FEISHU_ENCRYPT_KEY: "test-feishu-encrypt-key",
            FEISHU_APP_ID: "cli_test",
            FEISHU_APP_SECRET: "test-feishu-app-secret",
            FEISHU_API_BASE: "https://feishu.test/open-apis",
          },
        },
      }),
    ],
    test: {
      name: "workers",
      include: ["edge/test/**/*.test.ts", "durable-objects/test/**/*.test.ts", "durable-objects/src/**/*.test.ts"],
      setupFiles: ["edge/test/setup.ts"],
    },
  };
});

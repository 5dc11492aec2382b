import { describe, expect, it } from "vitest";
import { gatewayChildEnv } from "./child-env.ts";

const CONTAINER_ENV: NodeJS.ProcessEnv = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  LANG: "C.UTF-8",
  TZ: "UTC",
  TMPDIR: "/tmp",
  NODE_OPTIONS: "--max-old-space-size=2048",
  HOME: "/home/agent",
  AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "secret-key",
  AWS_SESSION_TOKEN: "session-token",
  AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1/credentials",
  AWS_CONTAINER_AUTHORIZATION_TOKEN: "container-token",
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/abc",
  AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/secrets/token",
  AWS_PROFILE: "prod",
  AWS_REGION: "us-east-1",
  CLAWGATE_RUNTIME_SECRET: "hmac-secret",
  OPENAI_API_KEY: "sk-live",
  OPENAI_BASE_URL: "https://llm.internal/v1",
  BEDROCK_MODEL_ID: "anthropic.claude",
  OPENCLAW_GATEWAY_TOKEN: "leaked-gateway-token",
  NODE_COMPILE_CACHE: "/app/.cache",
  SOME_APP_SETTING: "x",
};

describe("gatewayChildEnv", () => {
  const env = gatewayChildEnv("/data/openclaw-state", CONTAINER_ENV);

  it("passes nothing secret: no AWS credentials, no runtime secret, no model keys, no tokens", () => {
    const values = Object.values(env).join("\n");
    for (const secret of ["AKIAEXAMPLE", "secret-key", "session-token", "container-token", "hmac-secret", "sk-live", "leaked-gateway-token", "/v2/credentials/abc"]) {
      expect(values).not.toContain(secret);
    }
    expect(Object.keys(env).filter((k) => k.startsWith("AWS_"))).toEqual([]);
    expect(env.OPENCLAW_GATEWAY_TOKEN).toBeUndefined();
    expect(env.CLAWGATE_RUNTIME_SECRET).toBeUndefined();
  });

  it("is an allowlist: only the named variables, whatever the parent holds", () => {
    expect(Object.keys(env).sort()).toEqual(
      [
        "PATH",
        "LANG",
        "TZ",
        "TMPDIR",
        "NODE_OPTIONS",
        "HOME",
        "OPENCLAW_STATE_DIR",
        "OPENCLAW_CONFIG_PATH",
        "OPENCLAW_SKIP_CRON",
        "OPENCLAW_DISABLE_BONJOUR",
        "OPENCLAW_NO_AUTO_UPDATE",
        "DO_NOT_TRACK",
        "OPENCLAW_NO_RESPAWN",
        "OPENCLAW_SKIP_CHANNELS",
        "OPENCLAW_SKIP_GMAIL_WATCHER",
        "OPENCLAW_SKIP_CANVAS_HOST",
      ].sort(),
    );
    expect(env.SOME_APP_SETTING).toBeUndefined();
    expect(env.NODE_COMPILE_CACHE).toBeUndefined();
  });

  it("points HOME, state and config at the gateway's own state directory", () => {
    expect(env.HOME).toBe("/data/openclaw-state/home");
    expect(env.OPENCLAW_STATE_DIR).toBe("/data/openclaw-state");
    expect(env.OPENCLAW_CONFIG_PATH).toBe("/data/openclaw-state/openclaw.json");
    expect(env.PATH).toBe(CONTAINER_ENV.PATH);
    expect(env.NODE_OPTIONS).toBe(CONTAINER_ENV.NODE_OPTIONS);
  });

  it("turns off cron, bonjour, the update check and self-respawn", () => {
    expect(env).toMatchObject({ OPENCLAW_SKIP_CRON: "1", OPENCLAW_DISABLE_BONJOUR: "1", OPENCLAW_NO_AUTO_UPDATE: "1", OPENCLAW_NO_RESPAWN: "1" });
  });

  it("leaves out unset inherited variables rather than passing empty ones", () => {
    const bare = gatewayChildEnv("/s", { PATH: "/bin" });
    expect(bare.LANG).toBeUndefined();
    expect("TZ" in bare).toBe(false);
  });
});

import { join } from "node:path";

/**
 * The whole environment of the OpenClaw gateway child, built from an allowlist. Commands the agent
 * runs through `exec` inherit it, so this is the main defence against a shell tool reading secrets:
 * no AWS credentials or container-credential endpoints, no runtime HMAC secret, no model API keys,
 * and no gateway or proxy token (OpenClaw reads both from its config file, which it needs anyway).
 */
const INHERITED = ["PATH", "LANG", "LC_ALL", "TZ", "TMPDIR", "NODE_OPTIONS"] as const;

/** Switches for what a headless, supervised gateway must not do (names checked against the OpenClaw 2026.9.2 dist). */
export const OPENCLAW_SWITCHES: Readonly<Record<string, string>> = {
  // The platform schedules turns itself (DESIGN §4); cron also drives OpenClaw's heartbeats.
  OPENCLAW_SKIP_CRON: "1",
  // No mDNS advertising from a server.
  OPENCLAW_DISABLE_BONJOUR: "1",
  // No npm update check (also `update.checkOnStart: false` in openclaw.json) and no usage statistics.
  OPENCLAW_NO_AUTO_UPDATE: "1",
  DO_NOT_TRACK: "1",
  // We supervise the process: a restart must stay in-process rather than re-spawn a new PID we do not own.
  OPENCLAW_NO_RESPAWN: "1",
  // IM channels, Gmail and the canvas host belong to the edge, not to the agent.
  OPENCLAW_SKIP_CHANNELS: "1",
  OPENCLAW_SKIP_GMAIL_WATCHER: "1",
  OPENCLAW_SKIP_CANVAS_HOST: "1",
};

/**
 * No NODE_COMPILE_CACHE either: OpenClaw's launcher re-spawns itself when the cache points anywhere
 * but its own packaged directory (under TMPDIR), which it then enables by itself.
 */
export function gatewayChildEnv(stateDir: string, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of INHERITED) if (parent[key]) env[key] = parent[key];
  return {
    ...env,
    HOME: join(stateDir, "home"),
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_CONFIG_PATH: join(stateDir, "openclaw.json"),
    ...OPENCLAW_SWITCHES,
  };
}

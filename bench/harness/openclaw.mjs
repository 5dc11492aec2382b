// OpenClaw run on its own (no ClawGate), for baselines: the same config the container writes.
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildOpenClawConfig } from "../../agent-container/src/openclaw/config.ts";
import { locateOpenClaw } from "../../agent-container/src/openclaw/locate.ts";
import { ROOT } from "./container.mjs";
import { freePort, stopGroup, tempDir, track } from "./processes.mjs";

export const GATEWAY_TOKEN = "bench-gateway-token";

/**
 * A state dir with openclaw.json for `agents` (entries as the container registers them), served
 * by `modelUrl`, and the environment the OpenClaw process runs with.
 */
export async function openclawSetup({ modelUrl, agents = [] }) {
  const stateDir = await tempDir("clawgate-bench-openclaw-");
  await mkdir(join(stateDir, "home"), { recursive: true });
  const port = await freePort();
  const config = buildOpenClawConfig({ port, token: GATEWAY_TOKEN, proxyBaseUrl: modelUrl, proxyToken: "bench-model-token" }, agents, join(stateDir, "idle-workspace"));
  const configPath = join(stateDir, "openclaw.json");
  await writeFile(configPath, JSON.stringify(config, null, 2), "utf8");
  const env = {
    PATH: process.env.PATH,
    ...(process.env.LANG ? { LANG: process.env.LANG } : {}),
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    HOME: join(stateDir, "home"),
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_CONFIG_PATH: configPath,
    OPENCLAW_SKIP_CRON: "1",
    OPENCLAW_DISABLE_BONJOUR: "1",
    OPENCLAW_SKIP_CHANNELS: "1",
    OPENCLAW_SKIP_GMAIL_WATCHER: "1",
    OPENCLAW_SKIP_CANVAS_HOST: "1",
    OPENCLAW_NO_AUTO_UPDATE: "1",
    DO_NOT_TRACK: "1",
    // As the container runs its gateway: no self-respawn.
    OPENCLAW_NO_RESPAWN: "1",
  };
  return { entry: locateOpenClaw(), env, port, stateDir };
}

/** Runs `openclaw <args>` to completion in its own process group. */
export function runOpenClaw(setup, args, timeoutMs = 180_000) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = track(spawn(process.execPath, [setup.entry, ...args], { cwd: ROOT, env: setup.env, detached: true, stdio: ["ignore", "pipe", "pipe"] }));
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => void stopGroup(child, 2_000), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      const elapsed = performance.now() - started;
      // The CLI may leave helpers in its group; never let them outlive the run.
      void stopGroup(child, 2_000).then(() => resolve({ code, stdout, stderr, elapsed }));
    });
  });
}

/** Starts `openclaw gateway run` and resolves with the time until it serves an authenticated /v1/models. */
export async function startBareGateway(setup, timeoutMs = 120_000) {
  const started = performance.now();
  const child = track(
    spawn(process.execPath, [setup.entry, "gateway", "run", "--port", String(setup.port)], { cwd: ROOT, env: setup.env, detached: true, stdio: ["ignore", "ignore", "ignore"] }),
  );
  let exited = false;
  child.once("exit", () => (exited = true));
  while (performance.now() - started < timeoutMs && !exited) {
    const ok = await fetch(`http://127.0.0.1:${setup.port}/v1/models`, { headers: { authorization: `Bearer ${GATEWAY_TOKEN}` } }).then(
      async (res) => {
        await res.body?.cancel();
        return res.ok;
      },
      () => false,
    );
    if (ok) return { readyMs: performance.now() - started, stop: () => stopGroup(child) };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await stopGroup(child);
  throw new Error(exited ? "bare OpenClaw gateway exited during start-up" : "bare OpenClaw gateway not ready in time");
}

import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "./ports.ts";

/**
 * The browser project's global setup: the quick start, as a user runs it — `npm run dev`
 * (scripts/dev.mjs: edge Worker, both Durable Objects, local D1/R2, console assets, the agent
 * container with real OpenClaw and the offline model) — started once for every story file. Only the
 * state folder and the ports differ, so a developer's own `npm run dev` is left alone.
 */

declare module "vitest" {
  export interface ProvidedContext {
    consoleUrl: string;
    runtimeUrl: string;
    screenshotDir: string;
    /** The `npm run dev` process, for the story that presses Ctrl-C. */
    devPid: number;
    /** Where its exit code is written once it exits (the stories run in another process). */
    devExitFile: string;
    /** The wrangler dev registry of this stack, so `wrangler pages dev` binds EDGE to this stack's Worker. */
    registryPath: string;
  }
}

const ROOT = resolve(import.meta.dirname, "../..");
const STARTUP_TIMEOUT_MS = 240_000;

export default async function startStack(project: TestProject): Promise<() => Promise<void>> {
  const stateDir = await mkdtemp(join(tmpdir(), "clawgate-browser-"));
  // CI keeps the screenshots by pointing CLAWGATE_SCREENSHOT_DIR at its artifacts folder.
  const screenshotDir = process.env.CLAWGATE_SCREENSHOT_DIR ?? (await mkdtemp(join(tmpdir(), "clawgate-screenshots-")));
  await mkdir(screenshotDir, { recursive: true });
  console.log(`console screenshots and the npm run dev log: ${screenshotDir}`);
  const [edgePort, runtimePort, gatewayPort, proxyPort, inspectorPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const devExitFile = join(stateDir, "dev-exit-code");
  // Our own registry: other `wrangler dev` sessions on the machine also register a Worker named clawgate.
  const registryPath = join(stateDir, "wrangler-registry");

  const dev = spawn(process.execPath, [join(ROOT, "scripts/dev.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      CLAWGATE_STATE_DIR: stateDir,
      CLAWGATE_EDGE_PORT: String(edgePort),
      CLAWGATE_RUNTIME_PORT: String(runtimePort),
      CLAWGATE_INSPECTOR_PORT: String(inspectorPort),
      OPENCLAW_GATEWAY_PORT: String(gatewayPort),
      CLAWGATE_PROXY_PORT: String(proxyPort),
      WRANGLER_REGISTRY_PATH: registryPath,
      // The quick start runs on the offline model; make sure a developer's model settings don't leak in.
      BEDROCK_MODEL_ID: "",
      OPENAI_BASE_URL: "",
      // A Telegram bot "set up" so the portal offers pairing (no message reaches Telegram in these
      // tests); scripts/dev.mjs hands these to the Worker, as it would a developer's own.
      TELEGRAM_BOT_USERNAME: "acme_clawgate_bot",
      TELEGRAM_BOT_TOKEN: "1:browser-test",
      TELEGRAM_WEBHOOK_SECRET: "browser-test-webhook-secret",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The whole run's server output is kept beside the screenshots, for a failed story's "why".
  const log = createWriteStream(join(screenshotDir, "npm-run-dev.log"));
  let output = "";
  for (const stream of [dev.stdout, dev.stderr]) {
    stream.on("data", (d: Buffer) => {
      output += d.toString();
      log.write(d);
    });
  }
  const exited = new Promise<number | null>((resolveExit) =>
    dev.once("exit", (code) => {
      void writeFile(devExitFile, String(code)).finally(() => resolveExit(code));
    }),
  );

  const stop = async () => {
    if (dev.exitCode === null && dev.signalCode === null) dev.kill("SIGINT");
    await exited;
    log.end();
    await rm(stateDir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`npm run dev did not start in time:\n${output.slice(-4000)}`)), STARTUP_TIMEOUT_MS);
      const check = () => {
        if (!/ClawGate is running/.test(output)) return;
        clearTimeout(timer);
        ready();
      };
      dev.stdout.on("data", check);
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`npm run dev exited (${code}) before it was ready:\n${output.slice(-4000)}`));
      });
    });
  } catch (err) {
    await stop();
    throw err;
  }

  project.provide("consoleUrl", `http://127.0.0.1:${edgePort}`);
  project.provide("runtimeUrl", `http://127.0.0.1:${runtimePort}`);
  project.provide("screenshotDir", screenshotDir);
  project.provide("devPid", dev.pid!);
  project.provide("devExitFile", devExitFile);
  project.provide("registryPath", registryPath);
  return stop;
}

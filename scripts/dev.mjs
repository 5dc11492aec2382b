#!/usr/bin/env node
// `npm run dev`: the whole product on one machine — the edge Worker (both Durable Objects, local
// D1 with migrations applied, local R2, console assets) on :8787 and the agent container with a
// real OpenClaw gateway and the offline model on :8080. Ctrl-C stops everything.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkNode } from "./node-version.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// All local state (dev secrets, D1/R2/DO storage, the container's workspaces) lives in one
// git-ignored folder; tests point CLAWGATE_STATE_DIR at a temporary one.
const stateDir = process.env.CLAWGATE_STATE_DIR ?? join(root, ".clawgate");
const persistDir = join(stateDir, "wrangler");
const EDGE_PORT = Number(process.env.CLAWGATE_EDGE_PORT ?? 8787);
const RUNTIME_PORT = Number(process.env.CLAWGATE_RUNTIME_PORT ?? 8080);
const bin = (name) => join(root, "node_modules", ".bin", name);
const children = new Set();

checkNode();
mkdirSync(stateDir, { recursive: true });

/** Dev-only secrets, kept in the git-ignored state folder so sign-ins survive a restart. */
function devSecrets() {
  const file = join(stateDir, "dev-secrets.json");
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const fresh = () => randomBytes(32).toString("hex");
  // Back-filled for state folders made before a secret existed; kept ones never change (stored skill secrets stay readable).
  const secrets = { session: saved.session ?? fresh(), runtime: saved.runtime ?? fresh(), skills: saved.skills ?? fresh() };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

// Settings a developer may export before `npm run dev` (IM bots, single sign-on, the admin assistant's
// model): handed to the Worker as explicit --var flags, because wrangler dev does not pass the
// process environment through to the Worker.
const WORKER_SETTINGS = [
  "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_BOT_USERNAME", "TELEGRAM_API_BASE",
  "SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_API_BASE",
  "DISCORD_PUBLIC_KEY", "DISCORD_APPLICATION_ID", "DISCORD_API_BASE",
  "FEISHU_VERIFICATION_TOKEN", "FEISHU_ENCRYPT_KEY", "FEISHU_APP_ID", "FEISHU_APP_SECRET", "FEISHU_API_BASE",
  "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "SSO_REDIRECT_ALLOWLIST", "SSO_DEFAULT_POSITION_ID", "SSO_DEFAULT_ROLE",
  "ASSISTANT_MODEL_ID", "ASSISTANT_BEDROCK_REGION", "ASSISTANT_OPENAI_BASE_URL", "ASSISTANT_OPENAI_API_KEY",
  "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
];

function workerSettingVars() {
  return WORKER_SETTINGS.filter((name) => process.env[name]).flatMap((name) => ["--var", `${name}:${process.env[name]}`]);
}

function run(label, command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit", env: process.env });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})\n${output}`))));
  });
}

function start(label, command, args, env, onLine) {
  // Own process group, so that stopping it also stops its children (OpenClaw, workerd).
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const forward = (stream) => {
    let buffer = "";
    stream.on("data", (data) => {
      buffer += data;
      let i;
      while ((i = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        onLine?.(line);
        // The container already prefixes its own lines; don't say it twice.
        process.stdout.write(line.startsWith(`[${label}]`) ? `${line}\n` : `[${label}] ${line}\n`);
      }
    });
  };
  forward(child.stdout);
  forward(child.stderr);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`\n${label} exited (${signal ?? code}); stopping everything.`);
      void stop(1);
    }
  });
  return child;
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const exits = [...children].map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  }
  const timer = setTimeout(() => {
    for (const child of children) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }
  }, 12_000);
  await Promise.all(exits);
  clearTimeout(timer);
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

async function waitFor(url, label, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${label} did not come up at ${url}`);
}

try {
  const secrets = devSecrets();
  console.log("Building the console…");
  await run("console build", bin("vite"), ["build", "console", "--logLevel", "warn"]);
  console.log("Applying D1 migrations to the local database…");
  await run("D1 migrations", bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], { quiet: true });

  let containerReady;
  const containerUp = new Promise((resolve) => (containerReady = resolve));
  start("agent-container", process.execPath, [join(root, "agent-container/src/main.ts")], {
    PORT: String(RUNTIME_PORT),
    HOST: "127.0.0.1",
    CLAWGATE_DATA_DIR: join(stateDir, "agent-container"),
    CLAWGATE_RUNTIME_SECRET: secrets.runtime,
  }, (line) => line.includes("ready on") && containerReady());
  start("edge", bin("wrangler"), [
    "dev", "--port", String(EDGE_PORT), "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--persist-to", persistDir,
    ...(process.env.CLAWGATE_INSPECTOR_PORT ? ["--inspector-port", process.env.CLAWGATE_INSPECTOR_PORT] : []),
    "--var", "DEMO_SEED:acme",
    "--var", `LOCAL_RUNTIME_URL:http://127.0.0.1:${RUNTIME_PORT}`,
    "--var", `SESSION_SECRET:${secrets.session}`,
    "--var", `RUNTIME_SECRET:${secrets.runtime}`,
    "--var", `SKILL_SECRETS_KEY:${secrets.skills}`,
    ...workerSettingVars(),
  ], { WRANGLER_SEND_METRICS: "false" });

  await waitFor(`http://127.0.0.1:${EDGE_PORT}/api/health`, "the edge Worker", 120_000);
  await Promise.race([containerUp, new Promise((_, reject) => setTimeout(() => reject(new Error("the agent container did not start")), 180_000))]);
  console.log(`
  ClawGate is running.

    Console:   http://localhost:${EDGE_PORT}
    Sign in:   emp-carol / acme-demo   (Finance Analyst — no shell)
               emp-ryan  / acme-demo   (Software Engineer — shell allowed)
               any ACME employee id from the demo org, password acme-demo (local dev only)
    Runtime:   agent container on http://127.0.0.1:${RUNTIME_PORT}, OpenClaw gateway, offline model
               (set BEDROCK_MODEL_ID + AWS credentials, or OPENAI_BASE_URL, for a real model)

  Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}

#!/usr/bin/env node
// `npm run bench`: warm-turn overhead of the agent container, against the process-per-message
// baseline measured in the same run (DESIGN §5, §8). The model is zero-latency on both sides
// (the offline model for ours, a fixed-text SSE server for the baseline), so the wall time of a
// turn is the platform's overhead. Prints figures and PASS/FAIL lines; never asserts.
//
//   (a) ours: one container (main.ts + one OpenClaw gateway), 3 warm-up turns, then N turns on
//       the same session via signed POST /invocations (JSON);
//   (b) baseline: `openclaw agent --local` as one process per message, M times, on the very
//       workspace the container assembled for that session.
//
// Environment: BENCH_TURNS (N, default 20), BENCH_BASELINE_RUNS (M, default 5).
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// Node strips the types of these .ts modules (Node 22.18+ / 24).
import { signBody } from "../agent-container/src/http/hmac.ts";
import { buildOpenClawConfig } from "../agent-container/src/openclaw/config.ts";
import { locateOpenClaw } from "../agent-container/src/openclaw/locate.ts";
import { agentIdFor } from "../agent-container/src/session/turn-runner.ts";
import { invocationFixture } from "../agent-container/src/testing/fixtures.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const N = Number(process.env.BENCH_TURNS ?? 20);
const M = Number(process.env.BENCH_BASELINE_RUNS ?? 5);
const WARMUP = 3;
const TARGET_P50_MS = 300;
const TARGET_RATIO = 20;
const SECRET = "bench-secret";
const MESSAGE = "who are you?";
const SESSION_ID = "emp-carol--employee--bench-000000000000001";
const BASELINE_REPLY = "I'm Carol Zhang's agent (fixed benchmark reply).";

const log = (line) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Cleanup: every process group and temp dir we create, also on error or Ctrl-C.

const groups = new Set();
const servers = new Set();
const tempDirs = new Set();

const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every live descendant of a process (OpenClaw re-spawns itself, sometimes into a new process group). */
function descendants(rootPid) {
  let table;
  try {
    table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
  } catch {
    return [];
  }
  const children = new Map();
  for (const line of table.split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out = [];
  const queue = [rootPid];
  while (queue.length) {
    for (const pid of children.get(queue.shift()) ?? []) {
      out.push(pid);
      queue.push(pid);
    }
  }
  return out;
}

function signal(pids, pgid, sig) {
  for (const target of [-pgid, ...pids]) {
    try {
      process.kill(target, sig);
    } catch {
      // gone
    }
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to a child's process group and every descendant, then SIGKILL whatever is left. */
async function stopGroup(child, graceMs = 15_000) {
  const pgid = child.pid;
  if (!pgid) return groups.delete(child);
  const tree = descendants(pgid);
  signal(tree, pgid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while ((groupAlive(pgid) || tree.some(alive)) && Date.now() < deadline) await sleep(100);
  signal([...tree, ...descendants(pgid)].filter(alive), pgid, "SIGKILL");
  groups.delete(child);
}

let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const child of [...groups]) await stopGroup(child, 5_000);
  for (const server of servers) {
    server.closeAllConnections?.();
    server.close();
  }
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    log(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on("exit", () => {
  // Synchronous last resort: SIGKILL whatever process group is still alive.
  for (const child of groups) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
});

async function tempDir(prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Statistics

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}
const median = (values) => percentile(values, 50);
const ms = (value) => `${value.toFixed(0)} ms`;

// ---------------------------------------------------------------------------------------------
// (a) Our path: the container over its HTTP contract.

async function startContainer(dataDir) {
  const [port, gatewayPort, proxyPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env,
    CLAWGATE_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    OPENCLAW_GATEWAY_PORT: String(gatewayPort),
    CLAWGATE_PROXY_PORT: String(proxyPort),
    CLAWGATE_RUNTIME_SECRET: SECRET,
  };
  for (const key of ["BEDROCK_MODEL_ID", "OPENAI_BASE_URL", "OPENAI_API_KEY", "CLAWGATE_VERBOSE"]) delete env[key];
  const child = spawn(process.execPath, [join(ROOT, "agent-container/src/main.ts")], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  groups.add(child);
  let output = "";
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`container not ready after 120 s:\n${output}`)), 120_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes("ready on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`container exited during start-up (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, bootMs: performance.now() - started };
}

async function invoke(url, request) {
  const body = JSON.stringify(request);
  const ts = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(`${url}/invocations`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-clawgate-timestamp": String(ts), "x-clawgate-signature": signBody(SECRET, ts, body) },
    body,
  });
  const result = await res.json();
  const elapsed = performance.now() - started;
  if (res.status !== 200 || typeof result.reply !== "string") throw new Error(`invocation failed (${res.status}): ${JSON.stringify(result).slice(0, 500)}`);
  return { elapsed, result };
}

async function measureOurs(dataDir) {
  log(`(a) ClawGate container: starting (real OpenClaw gateway, offline model)…`);
  const container = await startContainer(dataDir);
  log(`    ready after ${ms(container.bootMs)}`);
  // The edge pushes blobs once; afterwards a warm session sends the plan alone.
  const first = invocationFixture(MESSAGE, { sessionId: SESSION_ID });
  const { plan } = first;
  const turn = () => ({ turnId: `bench-${Math.random().toString(36).slice(2)}`, sessionId: SESSION_ID, message: MESSAGE, plan, blobs: {} });

  for (let i = 0; i < WARMUP; i++) {
    const { elapsed, result } = await invoke(container.url, i === 0 ? first : turn());
    log(`    warm-up ${i + 1}/${WARMUP}: ${ms(elapsed)}${i === 0 ? ` — "${result.reply.slice(0, 70)}…"` : ""}`);
    if (!result.reply.includes("Carol Zhang")) throw new Error(`unexpected reply: ${result.reply}`);
  }
  const times = [];
  for (let i = 0; i < N; i++) {
    const { elapsed, result } = await invoke(container.url, turn());
    if (!result.reply.includes("Carol Zhang")) throw new Error(`unexpected reply: ${result.reply}`);
    times.push(elapsed);
  }
  log(`    ${N} warm turns: ${times.map((t) => t.toFixed(0)).join(" ")} ms`);
  const workspace = join(dataDir, "sessions", agentIdFor(SESSION_ID), "workspace");
  await stopGroup(container.child);
  return { times, workspace, plan };
}

// ---------------------------------------------------------------------------------------------
// (b) Baseline: one `openclaw agent --local` process per message.

/** A zero-latency OpenAI-compatible model that always streams the same text. */
async function startFixedModel() {
  const server = createHttpServer((req, res) => {
    if (req.method === "GET" && req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [{ id: "bench", object: "model" }] }));
      return;
    }
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    req.resume();
    req.on("end", () => {
      const base = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: "bench" };
      const frame = (choices, extra = {}) => `data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`;
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(frame([{ index: 0, delta: { role: "assistant", content: BASELINE_REPLY }, finish_reason: null }]));
      res.write(frame([{ index: 0, delta: {}, finish_reason: "stop" }], { usage: { prompt_tokens: 1000, completion_tokens: 12, total_tokens: 1012 } }));
      res.end("data: [DONE]\n\n");
    });
  });
  servers.add(server);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return { url: `http://127.0.0.1:${server.address().port}/v1` };
}

function runOnce(entry, args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [entry, ...args], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    groups.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => void stopGroup(child, 2_000), 180_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      const elapsed = performance.now() - started;
      // The CLI may leave helpers in its group; never let them outlive the run.
      void stopGroup(child, 2_000).then(() => resolve({ code, stdout, stderr, elapsed }));
    });
  });
}

async function measureBaseline(workspace, plan) {
  log(`(b) Baseline: \`openclaw agent --local\`, one process per message, on ${workspace}`);
  const model = await startFixedModel();
  const stateDir = await tempDir("clawgate-bench-openclaw-");
  await mkdir(join(stateDir, "home"), { recursive: true });
  const agentId = "bench";
  const config = buildOpenClawConfig(
    { port: await freePort(), token: "bench-gateway-token", proxyBaseUrl: model.url, proxyToken: "bench-model-token" },
    [{ agentId, workspace, tools: [...plan.tools.allow, ...plan.tools.memoryScoped], maxTokens: plan.model.maxTokens, contextWindow: plan.model.contextWindow }],
    join(stateDir, "idle-workspace"),
  );
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
    // As the container's gateway runs: no self-respawn (one Node start-up less, in the baseline's favour).
    OPENCLAW_NO_RESPAWN: "1",
  };
  const entry = locateOpenClaw();
  // --agent selects the session's entry (the config also holds the idle agent, as the container's does).
  const args = ["agent", "--local", "--agent", agentId, "--session-id", "bench", "--message", MESSAGE, "--json"];
  const check = (run, label) => {
    if (run.code !== 0) throw new Error(`baseline ${label} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-1000)}`);
    if (!run.stdout.includes(BASELINE_REPLY)) throw new Error(`baseline ${label} did not return the model's reply:\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`);
  };

  // One unmeasured run fills Node's compile cache and OpenClaw's state, in the baseline's favour.
  const warm = await runOnce(entry, args, env);
  check(warm, "warm-up");
  log(`    warm-up (not counted): ${ms(warm.elapsed)}`);
  const times = [];
  for (let i = 0; i < M; i++) {
    const run = await runOnce(entry, args, env);
    check(run, `run ${i + 1}`);
    times.push(run.elapsed);
    log(`    run ${i + 1}/${M}: ${ms(run.elapsed)}`);
  }
  return times;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  log(`ClawGate warm-turn benchmark — node ${process.version}, N=${N} warm turns, M=${M} baseline runs, zero-latency models`);
  log(`${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (timings on a busy machine are noisy)\n`);
  const dataDir = await tempDir("clawgate-bench-data-");
  const ours = await measureOurs(dataDir);
  log("");
  const baseline = await measureBaseline(ours.workspace, ours.plan);

  const p50 = percentile(ours.times, 50);
  const p95 = percentile(ours.times, 95);
  const oursMedian = median(ours.times);
  const baselineMedian = median(baseline);
  const ratio = baselineMedian / oursMedian;
  log("");
  log("Results");
  log(`  ours     (warm turn via POST /invocations): median ${ms(oursMedian)}   p50 ${ms(p50)}   p95 ${ms(p95)}   min ${ms(Math.min(...ours.times))}   max ${ms(Math.max(...ours.times))}`);
  log(`  baseline (process per message)           : median ${ms(baselineMedian)}   min ${ms(Math.min(...baseline))}   max ${ms(Math.max(...baseline))}`);
  log(`  ratio baseline/ours (medians)            : ${ratio.toFixed(1)}×`);
  log("");
  log(`${p50 <= TARGET_P50_MS ? "PASS" : "FAIL"}: overhead p50 ≤ ${TARGET_P50_MS} ms (measured ${ms(p50)})`);
  log(`${ratio >= TARGET_RATIO ? "PASS" : "FAIL"}: ≥ ${TARGET_RATIO}× faster than process-per-turn (measured ${ratio.toFixed(1)}×)`);
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  if (!interrupted) log(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await cleanup();
}

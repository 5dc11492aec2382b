// The agent container (main.ts, its OpenClaw gateway, the offline model) driven as the edge drives it.
import { spawn } from "node:child_process";
import { join } from "node:path";
// Node strips the types of these .ts modules (Node 22.18+ / 24).
import { signBody } from "../../agent-container/src/http/hmac.ts";
import { agentIdFor } from "../../agent-container/src/session/turn-runner.ts";
import { HttpRuntimeClient } from "../../durable-objects/src/runtime/http-client.ts";
import { invokeRuntime } from "../../durable-objects/src/turn/invoke.ts";
import { freePort, stopGroup, track } from "./processes.mjs";

export const ROOT = join(import.meta.dirname, "../..");
export const SECRET = "bench-secret";
const READY_TIMEOUT_MS = 120_000;

/**
 * Spawns main.ts in its own process group and resolves once the gateway serves ("ready on").
 * `marks` holds the time, relative to the spawn, at which each milestone line was first seen.
 */
export async function startContainer(dataDir, { waitReady = true } = {}) {
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
  // The offline model, whatever the developer's shell has configured.
  for (const key of Object.keys(env)) if (/^(AWS_|BEDROCK_|OPENAI_)/.test(key)) delete env[key];
  for (const key of ["CLAWGATE_VERBOSE", "NODE_OPTIONS"]) delete env[key];

  const startedAt = performance.now();
  const child = track(spawn(process.execPath, [join(ROOT, "agent-container/src/main.ts")], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] }));
  const container = {
    child,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    startedAt,
    output: "",
    marks: {},
    workspace: (sessionId) => join(dataDir, "sessions", agentIdFor(sessionId), "workspace"),
    stop: () => stopGroup(child),
  };
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`container not ready after ${READY_TIMEOUT_MS / 1000} s:\n${container.output}`)), READY_TIMEOUT_MS);
    const onData = (chunk) => {
      const now = performance.now() - startedAt;
      container.output += chunk;
      for (const [mark, text] of [["listening", "listening on"], ["ready", "ready on"]]) {
        if (container.marks[mark] === undefined && container.output.includes(text)) container.marks[mark] = now;
      }
      if (container.marks.ready !== undefined) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`container exited (code ${code}, signal ${sig}):\n${container.output}`));
    });
  });
  container.ready = ready;
  if (waitReady) await ready;
  else ready.catch(() => undefined);
  return container;
}

/** One HMAC-signed JSON POST /invocations; resolves with the parsed answer and its wall time. */
export async function invoke(url, request) {
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
  return { elapsed, result, bytes: Buffer.byteLength(body) };
}

/**
 * The edge's own invoke loop (durable-objects/src/turn/invoke.ts and its HTTP runtime client),
 * with an in-memory stand-in for what the DO's SQLite remembers the runtime session holds.
 * Every request body it sends is recorded.
 */
export function edgeSession(url, { sessionId, plan, blobs }) {
  const client = new HttpRuntimeClient({ url, secret: SECRET });
  const bodies = [];
  let held = new Set();
  const recording = {
    invoke: (options) => {
      bodies.push(options.body);
      return client.invoke(options);
    },
  };
  return {
    bodies,
    async turn(message) {
      const started = performance.now();
      const sent = bodies.length;
      const result = await invokeRuntime(recording, {
        turnId: `bench-${crypto.randomUUID()}`,
        sessionId,
        message,
        plan,
        held: { has: (hash) => held.has(hash), replace: (hashes) => (held = new Set(hashes)) },
        blob: async (hash) => {
          if (blobs[hash] === undefined) throw new Error(`no blob ${hash}`);
          return blobs[hash];
        },
      });
      return { result, elapsed: performance.now() - started, requests: bodies.slice(sent) };
    },
  };
}

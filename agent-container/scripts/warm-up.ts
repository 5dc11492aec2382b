// Image build step (see ../Dockerfile): boots the real runtime once with the offline model, runs one
// turn through POST /invocations, then stops it with SIGTERM. That fills Node's compile caches (ours
// under NODE_COMPILE_CACHE, OpenClaw's own packaged one under the temp dir) so a cold microVM starts
// faster, and fails the build when the image cannot answer a turn. Leaves no data behind.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signBody } from "../src/http/hmac.ts";
import { invocationFixture } from "../src/testing/fixtures.ts";

const MAIN = join(import.meta.dirname, "../src/main.ts");
// Generous: an arm64 image built on another architecture runs this under emulation.
const READY_TIMEOUT_MS = 600_000;

const log = (line: string) => process.stdout.write(`[warm-up] ${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const dataDir = await mkdtemp(join(tmpdir(), "clawgate-warm-up-"));
const [port, gatewayPort, proxyPort] = [await freePort(), await freePort(), await freePort()];
const secret = randomBytes(16).toString("hex");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CLAWGATE_DATA_DIR: dataDir,
  HOST: "127.0.0.1",
  PORT: String(port),
  OPENCLAW_GATEWAY_PORT: String(gatewayPort),
  CLAWGATE_PROXY_PORT: String(proxyPort),
  CLAWGATE_RUNTIME_SECRET: secret,
  // OpenClaw writes its compile cache when it exits cleanly: give it all the time it needs.
  CLAWGATE_SHUTDOWN_GRACE_MS: String(READY_TIMEOUT_MS),
};
for (const key of Object.keys(env)) if (/^(AWS_|BEDROCK_|OPENAI_)/.test(key)) delete env[key];

const child = spawn(process.execPath, [MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

try {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("ready on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the runtime exited during start-up (code ${code})`));
    });
  });
  log("runtime ready; running one turn");

  const body = JSON.stringify(invocationFixture("who are you?", { sessionId: "warm-up--employee--000000000000000000001" }));
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/invocations`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-clawgate-timestamp": String(timestamp), "x-clawgate-signature": signBody(secret, timestamp, body) },
    body,
  });
  const result = (await res.json()) as { status?: string; reply?: string; error?: string };
  if (res.status !== 200 || result.status !== "ok") throw new Error(`the warm-up turn failed: HTTP ${res.status} ${JSON.stringify(result).slice(0, 500)}`);
  log(`turn answered (${result.reply?.length ?? 0} characters); stopping`);

  child.kill("SIGTERM");
  const code = await exited;
  if (code !== 0) throw new Error(`the runtime exited with code ${code} after SIGTERM`);
  log("done");
} catch (error) {
  child.kill("SIGKILL");
  process.stderr.write(`${output}\n[warm-up] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

import { expect } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { InvocationResult, type InvocationRequest } from "@clawgate/contracts";
import { signBody } from "../../agent-container/src/http/hmac.ts";
import type { FixtureOptions } from "../../agent-container/src/testing/fixtures.ts";

/**
 * The real agent container (main.ts) with a real OpenClaw gateway, driven over its HTTP contract
 * exactly as the edge drives it: HMAC-signed POST /invocations.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const MAIN = join(ROOT, "agent-container/src/main.ts");
export const SECRET = "integration-secret-7f3a9c";
const READY_TIMEOUT_MS = 120_000;

export const CAROL: FixtureOptions & { sessionId: string } = {
  employeeId: "emp-carol",
  name: "Carol Zhang",
  position: { id: "pos-fa", name: "Finance Analyst" },
  capabilities: ["web_search", "file"],
  sessionId: "emp-carol--employee--integration-0000000001",
};
export const RYAN: FixtureOptions & { sessionId: string } = {
  employeeId: "emp-ryan",
  name: "Ryan Park",
  position: { id: "pos-sde", name: "Software Engineer" },
  capabilities: ["web_search", "shell", "browser", "file", "file_write", "code_execution"],
  sessionId: "emp-ryan--employee--integration-0000000002",
};

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True while any process of the group is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

// The model and its credentials come only from what a test passes, whatever the developer's shell has.
const MODEL_ENV = /^(AWS_|BEDROCK_|OPENAI_)/;

const running = new Set<Container>();
const dataDirs: string[] = [];

export class Container {
  readonly child: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
  readonly gatewayPort: number;
  output = "";
  exited: Promise<void>;
  #exitCode: number | null | undefined = undefined;

  private constructor(child: ChildProcess, port: number, gatewayPort: number, dataDir: string) {
    this.child = child;
    this.url = `http://127.0.0.1:${port}`;
    this.dataDir = dataDir;
    this.gatewayPort = gatewayPort;
    this.exited = new Promise((resolveExit) =>
      child.once("exit", (code) => {
        this.#exitCode = code;
        resolveExit();
      }),
    );
  }

  get running(): boolean {
    return this.#exitCode === undefined;
  }

  /** Starts main.ts with the offline model, or with the model environment in `modelEnv`. */
  static async start(dataDir: string, modelEnv: Record<string, string> = {}): Promise<Container> {
    const [port, gatewayPort, proxyPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CLAWGATE_DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      OPENCLAW_GATEWAY_PORT: String(gatewayPort),
      CLAWGATE_PROXY_PORT: String(proxyPort),
      CLAWGATE_RUNTIME_SECRET: SECRET,
    };
    for (const key of Object.keys(env)) if (MODEL_ENV.test(key)) delete env[key];
    for (const key of ["CLAWGATE_VERBOSE", "NODE_OPTIONS"]) delete env[key];
    Object.assign(env, modelEnv);
    // Its own process group, so that cleanup can reach the OpenClaw gateway too.
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const container = new Container(child, port, gatewayPort, dataDir);
    running.add(container);
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`container not ready after ${READY_TIMEOUT_MS} ms:\n${container.output}`)), READY_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        container.output += chunk.toString("utf8");
        if (container.output.includes("ready on")) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`container exited during start-up (code ${code}, signal ${signal}):\n${container.output}`));
      });
    });
    return container;
  }

  /** SIGTERM to main.ts only, as an orchestrator would; main.ts must take its gateway down with it. */
  async stop(): Promise<void> {
    const pgid = this.child.pid!;
    if (this.running) this.child.kill("SIGTERM");
    await Promise.race([this.exited, sleep(20_000)]);
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
    running.delete(this);
  }

  /** Last resort: the whole process group. */
  kill(): void {
    const pgid = this.child.pid!;
    if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
    running.delete(this);
  }

  async invoke(request: unknown, options: { sign?: boolean; accept?: string; raw?: string } = {}): Promise<Response> {
    const body = options.raw ?? JSON.stringify(request);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.sign !== false) {
      const ts = Math.floor(Date.now() / 1000);
      headers["x-clawgate-timestamp"] = String(ts);
      headers["x-clawgate-signature"] = signBody(SECRET, ts, body);
    }
    if (options.accept) headers.accept = options.accept;
    return fetch(`${this.url}/invocations`, { method: "POST", headers, body });
  }

  /** A full JSON turn: asserts 200 and the result schema. */
  async turn(request: InvocationRequest): Promise<InvocationResult> {
    const res = await this.invoke(request);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return InvocationResult.parse(JSON.parse(text));
  }
}

export async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "clawgate-it-"));
  dataDirs.push(dir);
  return dir;
}

/** For afterAll: every container this file started, then every data directory it made. */
export async function cleanUp(): Promise<void> {
  for (const c of [...running]) {
    await c.stop().catch(() => undefined);
    c.kill();
  }
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
}

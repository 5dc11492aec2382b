import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { InvocationResult, planBlobHashes, readSse, type InvocationRequest, type ToolEvent } from "@clawgate/contracts";
import { signBody } from "../../agent-container/src/http/hmac.ts";
import { invocationFixture, type FixtureOptions } from "../../agent-container/src/testing/fixtures.ts";

/**
 * The real agent container (main.ts) with a real OpenClaw gateway and the offline model, driven
 * over its HTTP contract exactly as the edge drives it: HMAC-signed POST /invocations.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const MAIN = join(ROOT, "agent-container/src/main.ts");
const SECRET = "integration-secret-7f3a9c";
const READY_TIMEOUT_MS = 120_000;

const CAROL: FixtureOptions & { sessionId: string } = {
  employeeId: "emp-carol",
  name: "Carol Zhang",
  position: { id: "pos-fa", name: "Finance Analyst" },
  capabilities: ["web_search", "file"],
  sessionId: "emp-carol--employee--integration-0000000001",
};
const RYAN: FixtureOptions & { sessionId: string } = {
  employeeId: "emp-ryan",
  name: "Ryan Park",
  position: { id: "pos-sde", name: "Software Engineer" },
  capabilities: ["web_search", "shell", "browser", "file", "file_write", "code_execution"],
  sessionId: "emp-ryan--employee--integration-0000000002",
};

async function freePort(): Promise<number> {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True while any process of the group is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

class Container {
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

  static async start(dataDir: string): Promise<Container> {
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
    // The offline model, whatever the developer's shell has configured.
    for (const key of ["BEDROCK_MODEL_ID", "OPENAI_BASE_URL", "OPENAI_API_KEY", "CLAWGATE_VERBOSE", "NODE_OPTIONS"]) delete env[key];
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

const running = new Set<Container>();
const dataDirs: string[] = [];

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "clawgate-it-"));
  dataDirs.push(dir);
  return dir;
}

const isExecAllowed = (events: ToolEvent[]) => events.some((e) => e.tool === "exec" && e.allowed);

let container: Container;

beforeAll(async () => {
  container = await Container.start(await newDataDir());
});

afterAll(async () => {
  for (const c of [...running]) {
    await c.stop().catch(() => undefined);
    c.kill();
  }
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

describe("agent container (real OpenClaw, offline model)", () => {
  it("answers /ping with Healthy", async () => {
    const res = await fetch(`${container.url}/ping`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; time_of_last_update: number };
    expect(body.status).toBe("Healthy");
    expect(Number.isInteger(body.time_of_last_update)).toBe(true);
    expect(Math.abs(body.time_of_last_update - Date.now() / 1000)).toBeLessThan(600);
  });

  it("rejects an unsigned or wrongly signed invocation with 401", async () => {
    const request = invocationFixture("who are you?", CAROL);
    const unsigned = await container.invoke(request, { sign: false });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe("bad_signature");

    const body = JSON.stringify(request);
    const ts = Math.floor(Date.now() / 1000);
    const forged = await fetch(`${container.url}/invocations`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-clawgate-timestamp": String(ts), "x-clawgate-signature": signBody("not-the-secret", ts, body) },
      body,
    });
    expect(forged.status).toBe(401);
  });

  it("rejects a signed invocation with a bad plan with 400", async () => {
    const request = invocationFixture("who are you?", CAROL);
    const bad = { ...request, plan: { ...request.plan, tools: { allow: "everything" }, identity: { ...request.plan.identity, email: "nope" } } };
    const res = await container.invoke(bad);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_invocation");
    expect(body.error.message.length).toBeGreaterThan(0);

    const notJson = await container.invoke(null, { raw: "{not json" });
    expect(notJson.status).toBe(400);
  });

  it("asks for missing blobs on a fresh container, then runs the turn once they are pushed", async () => {
    const request = invocationFixture("who are you?", CAROL);
    const withoutBlobs = await container.invoke({ ...request, blobs: {} });
    expect(withoutBlobs.status).toBe(200);
    const { needBlobs } = (await withoutBlobs.json()) as { needBlobs: string[] };
    expect([...needBlobs].sort()).toEqual([...planBlobHashes(request.plan)].sort());
    expect(Object.keys(request.blobs).sort()).toEqual([...needBlobs].sort());

    const result = await container.turn(request);
    expect(result.reply).toContain("Carol Zhang");

    // Held now: the same plan without blobs runs directly.
    const again = await container.turn({ ...invocationFixture("who are you?", CAROL), blobs: {} });
    expect(again.reply).toContain("Carol Zhang");
  });

  it("emp-carol: 'who are you?' names the person and the position", async () => {
    const result = await container.turn(invocationFixture("who are you?", CAROL));
    expect(result.reply).toContain("Carol Zhang");
    expect(result.reply).toContain("Finance Analyst");
    expect(result.usage.model).toBe("clawgate-offline");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.toolEvents).toEqual([]);
    expect(result.memoryChanges).toEqual([]);
  });

  it("emp-carol: 'run git status' is refused and nothing runs", async () => {
    const result = await container.turn(invocationFixture("run git status", CAROL));
    expect(result.reply).toMatch(/permission/i);
    expect(isExecAllowed(result.toolEvents)).toBe(false);
    expect(result.toolEvents.filter((e) => e.tool === "exec")).toEqual([]);
  });

  it("emp-ryan: 'run git status' runs exec and quotes it", async () => {
    const result = await container.turn(invocationFixture("run git status", RYAN));
    expect(result.toolEvents).toContainEqual(expect.objectContaining({ tool: "exec", allowed: true }));
    expect(result.toolEvents.find((e) => e.tool === "exec")?.args).toEqual({ command: "git status" });
    expect(result.reply).toContain("git status");
    expect(result.reply).not.toMatch(/permission/i);
  });

  it("keeps sessions apart: Ryan's turn did not change Carol's agent", async () => {
    const result = await container.turn(invocationFixture("who are you?", CAROL));
    expect(result.reply).toContain("Carol Zhang");
    expect(result.reply).not.toContain("Ryan Park");
    const ryan = await container.turn(invocationFixture("who are you?", RYAN));
    expect(ryan.reply).toContain("Ryan Park");
    expect(ryan.reply).toContain("Software Engineer");
  });

  it("confines OpenClaw's file tools to the session workspace", async () => {
    const config = JSON.parse(await readFile(join(container.dataDir, "openclaw-state/openclaw.json"), "utf8")) as {
      tools: { fs?: { workspaceOnly?: boolean } };
      agents: { entries: Record<string, { tools: { allow: string[] } }> };
    };
    expect(config.tools.fs?.workspaceOnly).toBe(true);
    const allows = Object.values(config.agents.entries).map((e) => e.tools.allow);
    expect(allows.some((a) => a.includes("exec"))).toBe(true); // Ryan
    expect(allows.some((a) => !a.includes("exec") && a.includes("read"))).toBe(true); // Carol
  });

  it("streams delta events and then a result event when asked for SSE", async () => {
    const res = await container.invoke(invocationFixture("who are you?", CAROL), { accept: "text/event-stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events: Array<{ event: string; data: unknown }> = [];
    for await (const e of readSse(res.body!)) events.push({ event: e.event, data: JSON.parse(e.data) });
    const names = events.map((e) => e.event);
    expect(names.at(-1)).toBe("result");
    expect(names.filter((n) => n === "result")).toHaveLength(1);
    expect(names).not.toContain("error");
    const deltas = events.filter((e) => e.event === "delta").map((e) => (e.data as { text: string }).text);
    expect(deltas.length).toBeGreaterThan(0);
    expect(names.indexOf("delta")).toBeLessThan(names.indexOf("result"));
    const result = InvocationResult.parse(events.at(-1)!.data);
    expect(result.reply).toContain("Carol Zhang");
    expect(deltas.join("")).toBe(result.reply);
  });

  it("streams tool events for a tool-using turn", async () => {
    const res = await container.invoke(invocationFixture("run git status", RYAN), { accept: "text/event-stream" });
    const events: Array<{ event: string; data: unknown }> = [];
    for await (const e of readSse(res.body!)) events.push({ event: e.event, data: JSON.parse(e.data) });
    expect(events).toContainEqual({ event: "tool", data: expect.objectContaining({ tool: "exec", allowed: true }) });
    expect(events.at(-1)!.event).toBe("result");
  });

  it("reports /ping HealthyBusy while a turn runs", async () => {
    const turn = container.turn(invocationFixture("run sleep 2", RYAN));
    let busy = false;
    for (let i = 0; i < 40 && !busy; i++) {
      await sleep(50);
      const ping = (await (await fetch(`${container.url}/ping`)).json()) as { status: string };
      busy = ping.status === "HealthyBusy";
    }
    await turn;
    expect(busy).toBe(true);
    const after = (await (await fetch(`${container.url}/ping`)).json()) as { status: string };
    expect(after.status).toBe("Healthy");
  });

  it("memory survives a new container when the edge carries it in the plan", async () => {
    const remembered = await container.turn(invocationFixture("remember that my badge number is 4242", CAROL));
    expect(remembered.toolEvents).toContainEqual({ tool: "write", allowed: true, args: { path: "MEMORY.md" } });
    const change = remembered.memoryChanges.find((c) => c.path === "MEMORY.md");
    expect(change).toBeDefined();
    expect(change!.text).toContain("my badge number is 4242");
    expect(change!.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Stop it: SIGTERM to main.ts alone must take the OpenClaw gateway down too.
    const old = container;
    await old.stop();
    expect(old.running).toBe(false);
    expect(groupAlive(old.child.pid!)).toBe(false);
    const gatewayPortFree = await new Promise<boolean>((resolveFree) => {
      const probe = createServer();
      probe.once("error", () => resolveFree(false));
      probe.listen(old.gatewayPort, "127.0.0.1", () => probe.close(() => resolveFree(true)));
    });
    expect(gatewayPortFree).toBe(true);

    // A new container with a new data dir: it knows nothing but what the plan carries.
    container = await Container.start(await newDataDir());
    const recalled = await container.turn(invocationFixture("what do you remember?", { ...CAROL, memory: { "MEMORY.md": change!.text } }));
    expect(recalled.reply).toContain("4242");
    expect(recalled.memoryChanges).toEqual([]);

    // And a plan without that memory gets none of it.
    const fresh = await container.turn(invocationFixture("what do you remember?", CAROL));
    expect(fresh.reply).not.toContain("4242");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenClawGateway } from "./gateway.ts";
import { TurnFailed } from "./turn-failed.ts";

/**
 * OpenClawGateway against a stand-in for the OpenClaw binary, at the process and HTTP boundary:
 * it reads the openclaw.json it is given, lists its agents on /v1/models, announces config reloads
 * the way OpenClaw does, and streams chat completions. The real gateway is exercised by the
 * integration tests; this makes crashes and refusals deterministic.
 *
 * Controls are files in the state directory (the child's environment is an allowlist):
 * `start-delay-ms`, `refuse-count` (refuse that many turns with OpenClaw's error event), and a
 * message "hang" that streams one delta and never finishes (it writes `hanging` when it does).
 */
const FAKE_OPENCLAW = `
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
const stateDir = process.env.OPENCLAW_STATE_DIR;
const configPath = process.env.OPENCLAW_CONFIG_PATH;
const control = (name) => { try { return fs.readFileSync(path.join(stateDir, name), "utf8"); } catch { return null; } };
let config = JSON.parse(fs.readFileSync(configPath, "utf8"));
fs.watchFile(configPath, { interval: 20 }, () => {
  config = JSON.parse(fs.readFileSync(configPath, "utf8"));
  console.log("[reload] config hot reload applied");
});
const chunk = (delta) => ({ object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: null }] });
const server = http.createServer((req, res) => {
  if (req.headers.authorization !== "Bearer " + config.gateway.auth.token) return res.writeHead(401).end();
  if (req.url === "/v1/models") return res.end(JSON.stringify({ data: Object.keys(config.agents.entries).map((id) => ({ id: "openclaw/" + id })) }));
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const { model, messages } = JSON.parse(body);
    const text = messages[0].content;
    fs.appendFileSync(path.join(stateDir, "requests.log"), model + " " + req.headers["x-openclaw-session-key"] + " " + text + "\\n");
    res.writeHead(200, { "content-type": "text/event-stream" });
    const send = (o) => res.write("data: " + JSON.stringify(o) + "\\n\\n");
    send(chunk({ role: "assistant" }));
    const refusals = Number(control("refuse-count") ?? 0);
    if (refusals > 0) {
      fs.writeFileSync(path.join(stateDir, "refuse-count"), String(refusals - 1));
      send({ error: { message: "internal error", type: "api_error" } });
      return res.end("data: [DONE]\\n\\n");
    }
    if (text === "hang") {
      send(chunk({ content: "working" }));
      return fs.writeFileSync(path.join(stateDir, "hanging"), "1");
    }
    send(chunk({ content: "echo: " + text }));
    send({ object: "chat.completion.chunk", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
    res.end("data: [DONE]\\n\\n");
  });
});
setTimeout(() => server.listen(port, "127.0.0.1"), Number(control("start-delay-ms") ?? 0));
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(condition()).toBe(true);
};

const gateways: OpenClawGateway[] = [];
const dirs: string[] = [];

async function fakeGateway() {
  const dir = await mkdtemp(join(tmpdir(), "openclaw-gateway-"));
  dirs.push(dir);
  const entry = join(dir, "fake-openclaw.cjs");
  await writeFile(entry, FAKE_OPENCLAW);
  const stateDir = join(dir, "state");
  const lifecycle: string[] = [];
  const gateway = new OpenClawGateway({
    entry,
    stateDir,
    settings: { port: await freePort(), token: "gateway-token-0123456789", proxyBaseUrl: "http://127.0.0.1:1/v1", proxyToken: "proxy-token" },
    log: (line) => lifecycle.push(line),
    readyWaitMs: 20_000,
    stopGraceMs: 2_000,
  });
  gateways.push(gateway);
  const control = (name: string, value: string) => writeFile(join(stateDir, name), value);
  const requests = async () => ((await readFile(join(stateDir, "requests.log"), "utf8").catch(() => "")).split("\n").filter(Boolean));
  const pid = () => Number(/started \(pid (\d+)\)/.exec(lifecycle.filter((l) => l.includes("started")).at(-1) ?? "")?.[1]);
  return { gateway, stateDir, lifecycle, control, requests, pid, dir };
}

const agent = (agentId: string, workspace: string) => ({ agentId, workspace, tools: ["read"], skills: [], maxTokens: 1024, contextWindow: 32000 });

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

afterEach(async () => {
  for (const gateway of gateways.splice(0)) {
    gateway.killNow();
    await gateway.stop();
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("OpenClawGateway", () => {
  it("registers a session agent and streams its turn over the loopback chat endpoint", async () => {
    const { gateway, dir, requests } = await fakeGateway();
    gateway.start();
    await gateway.ensureAgent(agent("s1", dir));
    const deltas: string[] = [];
    expect(await gateway.chat("s1", "hello", (t) => deltas.push(t))).toBe("echo: hello");
    expect(deltas).toEqual(["echo: hello"]);
    expect(await requests()).toEqual(["openclaw/s1 agent:s1:clawgate hello"]);
  });

  it("makes a turn that arrives before the gateway serves wait for it", async () => {
    const { gateway, dir, stateDir, lifecycle } = await fakeGateway();
    // The state dir exists once the config is written, before the process starts: delay its listener.
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, "start-delay-ms"), "1500");
    gateway.start();
    const turn = gateway.ensureAgent(agent("s1", dir)).then(() => gateway.chat("s1", "early", () => undefined));
    expect(lifecycle.some((l) => l.includes("ready"))).toBe(false);
    expect(await turn).toBe("echo: early");
    expect(lifecycle.some((l) => l.includes("ready"))).toBe(true);
  });

  it("fails a turn in flight at once when OpenClaw dies, restarts it with every agent registered, and serves again", async () => {
    const { gateway, dir, stateDir, lifecycle, pid } = await fakeGateway();
    gateway.start();
    await gateway.ensureAgent(agent("s1", dir));
    await gateway.ensureAgent(agent("s2", dir));
    const firstPid = pid();
    const turn = failure(gateway.chat("s1", "hang", () => undefined));
    await until(() => existsSync(join(stateDir, "hanging")));
    process.kill(firstPid, "SIGKILL");

    const error = await turn;
    expect(error).toBeInstanceOf(TurnFailed);
    expect(error.message).toBe("OpenClaw exited during the turn (signal SIGKILL)");

    // s2 was never re-registered by a turn: the restarted gateway knows it from the regenerated config.
    expect(await gateway.chat("s2", "after the crash", () => undefined)).toBe("echo: after the crash");
    expect(pid()).not.toBe(firstPid);
    expect(lifecycle).toContain("OpenClaw gateway exited unexpectedly (signal SIGKILL)");
    const config = JSON.parse(await readFile(join(stateDir, "openclaw.json"), "utf8")) as { agents: { entries: Record<string, unknown> } };
    expect(Object.keys(config.agents.entries)).toEqual(expect.arrayContaining(["s1", "s2"]));
  });

  it("retries the interrupted session's next turn while OpenClaw's restart recovery refuses it, and no other", async () => {
    const { gateway, dir, stateDir, control, requests, pid } = await fakeGateway();
    gateway.start();
    await gateway.ensureAgent(agent("s1", dir));
    await gateway.ensureAgent(agent("s2", dir));
    const turn = failure(gateway.chat("s1", "hang", () => undefined));
    await until(() => existsSync(join(stateDir, "hanging")));
    process.kill(pid(), "SIGKILL");
    await turn;
    await gateway.whenReady();

    await control("refuse-count", "1");
    expect(await gateway.chat("s1", "again", () => undefined)).toBe("echo: again");
    expect((await requests()).filter((r) => r.endsWith(" again"))).toHaveLength(2);

    // A session no crash interrupted gets the model's or OpenClaw's failure as it is.
    await control("refuse-count", "1");
    const refused = await failure(gateway.chat("s2", "hello", () => undefined));
    expect(refused).toBeInstanceOf(TurnFailed);
    expect(refused.message).toBe("the model or OpenClaw failed: internal error");
    expect((await requests()).filter((r) => r.endsWith(" hello"))).toHaveLength(1);
  });

  it("fails turns in flight with a shutdown reason when stopped, and refuses new ones", async () => {
    const { gateway, dir, stateDir } = await fakeGateway();
    gateway.start();
    await gateway.ensureAgent(agent("s1", dir));
    const turn = failure(gateway.chat("s1", "hang", () => undefined));
    await until(() => existsSync(join(stateDir, "hanging")));
    await gateway.stop();
    expect((await turn).message).toBe("the agent runtime is shutting down");
    const late = await failure(gateway.ensureAgent(agent("s2", dir)));
    expect(late).toBeInstanceOf(TurnFailed);
    expect(late.message).toBe("the agent runtime is shutting down");
  });
});

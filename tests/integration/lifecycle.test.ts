import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { InvocationResult, readSse } from "@clawgate/contracts";
import { signBody } from "../../agent-container/src/http/hmac.ts";
import { invocationFixture } from "../../agent-container/src/testing/fixtures.ts";
import { CAROL, cleanUp, Container, freePort, groupAlive, newDataDir, RYAN, SECRET, sleep } from "./harness.ts";

/**
 * Health and lifecycle of the real container (main.ts, a real OpenClaw gateway, the offline model):
 * /ping under load, a turn that arrives before the gateway is ready, SIGTERM with turns in flight,
 * and an OpenClaw crash mid-turn. Pings are checked for their answers, never for their latency
 * (that figure belongs to the benchmark).
 */

afterAll(cleanUp);

type Ping = { status: string; time_of_last_update: number };

async function ping(url: string): Promise<{ http: number; body: Ping }> {
  const res = await fetch(`${url}/ping`);
  return { http: res.status, body: (await res.json()) as Ping };
}

async function untilBusy(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await ping(url)).body.status === "HealthyBusy") return;
    await sleep(20);
  }
  throw new Error("the container never reported HealthyBusy");
}

/** The pid (and process group) of the OpenClaw gateway the container started last. */
function gatewayPids(output: string): number[] {
  return [...output.matchAll(/OpenClaw gateway started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
}

async function until(condition: () => boolean, what: string, attempts = 1_200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (condition()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function exitOf(container: Container): Promise<number | null> {
  await Promise.race([container.exited, sleep(30_000)]);
  return container.child.exitCode;
}

async function sseTurn(container: Container, request: unknown, onEvent: (event: string, data: unknown) => void): Promise<InvocationResult> {
  const res = await container.invoke(request, { accept: "text/event-stream" });
  expect(res.status).toBe(200);
  for await (const event of readSse(res.body!)) {
    const data: unknown = JSON.parse(event.data);
    onEvent(event.event, data);
    if (event.event === "result") return InvocationResult.parse(data);
  }
  throw new Error("the stream ended without a result");
}

describe("container lifecycle (real OpenClaw, offline model)", () => {
  it("answers every /ping while a turn runs, each one HealthyBusy, then Healthy with a new time_of_last_update", async () => {
    const container = await Container.start(await newDataDir());
    const before = (await ping(container.url)).body;
    expect(before.status).toBe("Healthy");

    let finished = false;
    const turn = container.turn(invocationFixture("run sleep 5", RYAN)).finally(() => (finished = true));
    await untilBusy(container.url);
    const busy = (await ping(container.url)).body;
    const answers: Array<{ http: number; body: Ping }> = [];
    for (let i = 0; i < 25; i++) answers.push(await ping(container.url));
    const stillRunning = !finished;

    expect(answers).toHaveLength(25);
    expect(answers.every((a) => a.http === 200)).toBe(true);
    expect(answers.map((a) => a.body.status)).toEqual(Array(25).fill("HealthyBusy"));
    // One status change (to busy) while the turn ran: the stamp did not move with every ping.
    expect(new Set(answers.map((a) => a.body.time_of_last_update))).toEqual(new Set([busy.time_of_last_update]));
    expect(stillRunning).toBe(true);

    const result = await turn;
    expect(result.status, result.error).toBe("ok");
    const after = (await ping(container.url)).body;
    expect(after.status).toBe("Healthy");
    expect(after.time_of_last_update).toBeGreaterThanOrEqual(busy.time_of_last_update);
    await container.stop();
    expect(container.child.exitCode).toBe(0);
  });

  it("makes a turn that arrives before the gateway is ready wait for it, then answers it", async () => {
    const dataDir = await newDataDir();
    const [port, gatewayPort, proxyPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, CLAWGATE_DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: String(port), OPENCLAW_GATEWAY_PORT: String(gatewayPort), CLAWGATE_PROXY_PORT: String(proxyPort), CLAWGATE_RUNTIME_SECRET: SECRET };
    for (const key of Object.keys(env)) if (/^(AWS_|BEDROCK_|OPENAI_)/.test(key) || key === "NODE_OPTIONS") delete env[key];
    const root = resolve(import.meta.dirname, "../..");
    const child = spawn(process.execPath, [join(root, "agent-container/src/main.ts")], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (output += c.toString("utf8")));
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    try {
      await until(() => output.includes("listening on"), "the contract server");
      expect(output).not.toContain("ready on");
      expect((await ping(`http://127.0.0.1:${port}`)).body.status).toBe("Healthy");

      const body = JSON.stringify(invocationFixture("who are you?", CAROL));
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`http://127.0.0.1:${port}/invocations`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-clawgate-timestamp": String(ts), "x-clawgate-signature": signBody(SECRET, ts, body) },
        body,
      });
      expect(res.status).toBe(200);
      const result = InvocationResult.parse(await res.json());
      expect(result.status, result.error).toBe("ok");
      expect(result.reply).toContain("Carol Zhang");
      expect(output).toContain("ready on");
    } finally {
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(30_000)]);
      if (groupAlive(child.pid!)) process.kill(-child.pid!, "SIGKILL");
      for (const pid of gatewayPids(output)) if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
    }
  });

  it("on SIGTERM lets the running turn finish, refuses new ones, exits 0 and leaves no OpenClaw process", async () => {
    // A grace period no loaded test machine can exhaust: this is about the turn finishing, not the 10 s default.
    const container = await Container.start(await newDataDir(), { CLAWGATE_SHUTDOWN_GRACE_MS: "120000" });
    const [gateway] = gatewayPids(container.output);
    expect(groupAlive(gateway!)).toBe(true);

    const turn = container.turn(invocationFixture("run sleep 3", RYAN));
    await untilBusy(container.url);
    container.child.kill("SIGTERM");
    await until(() => container.output.includes("SIGTERM: stopping"), "the shutdown to begin");

    const late = await container.invoke(invocationFixture("who are you?", CAROL)).then(
      (res) => res.status,
      () => "refused",
    );
    expect([503, "refused"]).toContain(late);

    const result = await turn;
    expect(result.status, result.error).toBe("ok");
    expect(result.toolEvents).toContainEqual(expect.objectContaining({ tool: "exec", allowed: true, args: { command: "sleep 3" } }));

    expect(await exitOf(container)).toBe(0);
    await until(() => !groupAlive(gateway!), "the OpenClaw process group to be gone", 100);
    expect(groupAlive(container.child.pid!)).toBe(false);
  });

  it("on SIGTERM aborts a turn that outlasts the grace period with an error result, and still exits 0", async () => {
    const container = await Container.start(await newDataDir(), { CLAWGATE_SHUTDOWN_GRACE_MS: "1000" });
    const [gateway] = gatewayPids(container.output);

    const turn = container.turn(invocationFixture("run sleep 8", RYAN));
    await untilBusy(container.url);
    container.child.kill("SIGTERM");

    const result = await turn;
    expect(result.status).toBe("error");
    expect(result.error).toMatch(/shutting down/);
    expect(result.reply).toBe("");

    expect(await exitOf(container)).toBe(0);
    await until(() => !groupAlive(gateway!), "the OpenClaw process group to be gone", 100);
  });

  it("gives a turn in flight an error result when OpenClaw is killed, restarts it, and serves every session again", async () => {
    const container = await Container.start(await newDataDir());
    const warm = await container.turn(invocationFixture("who are you?", CAROL));
    expect(warm.status, warm.error).toBe("ok");
    const [first] = gatewayPids(container.output);

    let killed = false;
    const events: string[] = [];
    const crashed = await sseTurn(container, invocationFixture("run sleep 5", RYAN), (event, data) => {
      events.push(event);
      // The exec tool call is proof the turn is inside OpenClaw: kill it there.
      if (event === "tool" && !killed && (data as { tool: string }).tool === "exec") {
        killed = true;
        process.kill(first!, "SIGKILL");
      }
    });
    expect(killed).toBe(true);
    expect(crashed.status).toBe("error");
    expect(crashed.error).toMatch(/OpenClaw exited during the turn|lost the connection to OpenClaw/);
    expect(events.at(-1)).toBe("result");
    expect(container.output).toMatch(/OpenClaw gateway exited unexpectedly \(signal SIGKILL\)/);

    await until(() => gatewayPids(container.output).length === 2 && /OpenClaw gateway ready \(pid \d+\)[\s\S]*OpenClaw gateway ready \(pid \d+\)/.test(container.output), "the restarted gateway");
    expect(groupAlive(first!)).toBe(false);

    // The session that crashed, and one registered before the crash, are both served by the new gateway.
    const again = await container.turn(invocationFixture("who are you?", RYAN));
    expect(again.status, again.error).toBe("ok");
    expect(again.reply).toContain("Ryan Park");
    const carol = await container.turn(invocationFixture("who are you?", CAROL));
    expect(carol.status, carol.error).toBe("ok");
    expect(carol.reply).toContain("Carol Zhang");
    await container.stop();
  });

  it("answers a malformed invocation with 400 and the zod issue list, and runs nothing", async () => {
    const container = await Container.start(await newDataDir());
    const request = invocationFixture("who are you?", CAROL);
    const res = await container.invoke({ ...request, sessionId: "short", plan: { ...request.plan, tools: "everything" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; issues: Array<{ path: string; message: string }> } };
    expect(body.error.code).toBe("invalid_invocation");
    expect(body.error.message).toMatch(/^invalid invocation: /);
    expect(body.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["sessionId", "plan.tools"]));
    expect((await ping(container.url)).body.status).toBe("Healthy");
    await container.stop();
  });
});

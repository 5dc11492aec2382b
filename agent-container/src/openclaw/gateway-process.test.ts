import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GatewayProcess, type GatewayProcessOptions } from "./gateway-process.ts";
import { TurnFailed } from "./turn-failed.ts";

/**
 * A stand-in for the gateway binary (the process boundary, not OpenClaw): serves HTTP on $PORT
 * unless MODE says otherwise, and can leave a grandchild behind or ignore SIGTERM.
 */
const FAKE_GATEWAY = `
const { spawn } = require("node:child_process");
const { writeFileSync } = require("node:fs");
const mode = process.env.MODE;
if (mode === "grandchild") {
  const child = spawn("sleep", ["300"], { stdio: "ignore" });
  writeFileSync(process.env.GRANDCHILD_FILE, String(child.pid));
}
if (mode === "ignore-term") process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
if (mode !== "never") require("node:http").createServer((req, res) => res.end("ok")).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
else setInterval(() => {}, 1000);
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

/** Alive and not a zombie waiting for init to reap it (state Z in /proc on Linux). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
};

const processes: GatewayProcess[] = [];
const dirs: string[] = [];

async function fakeGateway(mode: string, overrides: Partial<GatewayProcessOptions> = {}) {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "gateway-process-"));
  dirs.push(dir);
  const starts: number[] = [];
  const lines: string[] = [];
  const gateway = new GatewayProcess({
    command: process.execPath,
    args: ["-e", FAKE_GATEWAY],
    env: { PATH: process.env.PATH, MODE: mode, PORT: String(port), GRANDCHILD_FILE: join(dir, "grandchild.pid") },
    probe: async () => (await fetch(`http://127.0.0.1:${port}/`)).ok,
    beforeStart: async () => {
      starts.push(starts.length + 1);
    },
    onLine: (line) => lines.push(line),
    backoff: { initialMs: 20, maxMs: 100, resetAfterMs: 60_000 },
    startTimeoutMs: 30_000,
    ...overrides,
  });
  processes.push(gateway);
  return { gateway, starts, lines, dir };
}

afterEach(async () => {
  for (const gateway of processes.splice(0)) {
    gateway.killNow();
    await gateway.stop();
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("GatewayProcess", () => {
  it("starts once, serves, and relays the process's output", async () => {
    const { gateway, starts, lines } = await fakeGateway("serve");
    gateway.start();
    gateway.start();
    const lifetime = await gateway.whenReady(30_000);
    expect(lifetime.aborted).toBe(false);
    expect(starts).toEqual([1]);
    expect(lines).toContain("listening");
  });

  it("fails the turn in flight when the process dies, then restarts it with the config rewritten", async () => {
    const { gateway, starts } = await fakeGateway("serve");
    gateway.start();
    const first = await gateway.whenReady(30_000);
    const firstPid = gateway.pid!;
    const failed = new Promise<unknown>((resolve) => first.addEventListener("abort", () => resolve(first.reason), { once: true }));
    process.kill(firstPid, "SIGKILL");

    const reason = await failed;
    expect(reason).toBeInstanceOf(TurnFailed);
    expect((reason as Error).message).toMatch(/exited during the turn \(signal SIGKILL\)/);

    const second = await gateway.whenReady(30_000);
    expect(second.aborted).toBe(false);
    expect(gateway.pid).not.toBe(firstPid);
    expect(starts).toEqual([1, 2]);
  });

  it("keeps restarting a process that keeps dying", async () => {
    const { gateway, starts } = await fakeGateway("serve");
    gateway.start();
    for (let crash = 1; crash <= 3; crash++) {
      await gateway.whenReady(30_000);
      process.kill(gateway.pid!, "SIGKILL");
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (starts.length > crash) {
            clearInterval(poll);
            resolve();
          }
        }, 10);
      });
    }
    await gateway.whenReady(30_000);
    expect(starts).toEqual([1, 2, 3, 4]);
  });

  it("gives a waiting turn a clean TurnFailed when the process never serves in time", async () => {
    const { gateway } = await fakeGateway("never");
    gateway.start();
    const waited = gateway.whenReady(300).then(
      () => null,
      (error: unknown) => error,
    );
    const error = await waited;
    expect(error).toBeInstanceOf(TurnFailed);
    expect((error as Error).message).toMatch(/not ready within/);
  });

  it("stop takes the whole process group down, descendants included, and refuses new turns", async () => {
    const { gateway, dir } = await fakeGateway("grandchild");
    gateway.start();
    const lifetime = await gateway.whenReady(30_000);
    const pid = gateway.pid!;
    const grandchild = Number(await readFile(join(dir, "grandchild.pid"), "utf8"));
    expect(alive(grandchild)).toBe(true);

    await gateway.stop();
    expect(lifetime.aborted).toBe(true);
    expect((lifetime.reason as Error).message).toMatch(/shutting down/);
    expect(alive(pid)).toBe(false);
    for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive(grandchild)).toBe(false);
    await expect(gateway.whenReady(1_000)).rejects.toThrow(/shutting down/);
  });

  it("kills a process that ignores SIGTERM once the grace period is over", async () => {
    const { gateway, lines } = await fakeGateway("ignore-term", { stopGraceMs: 200 });
    gateway.start();
    await gateway.whenReady(30_000);
    const pid = gateway.pid!;
    await gateway.stop();
    expect(lines).toContain("ignoring SIGTERM");
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive(pid)).toBe(false);
  });
});

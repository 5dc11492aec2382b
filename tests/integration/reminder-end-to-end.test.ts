import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../browser/ports.ts";

/**
 * "Remind me in a minute" end to end, with nothing faked: `npm run dev` (scripts/dev.mjs: the edge
 * Worker with both Durable Objects under wrangler dev, the agent container with the real OpenClaw
 * gateway and the offline model). The employee asks in the portal chat; the container harvests the
 * job OpenClaw's `automations` tool created; the EmployeeAgent stores it and sets its alarm; the
 * alarm fires for real a minute later (the shortest the offline model can be asked for: workerd's
 * clock cannot be moved from outside) and runs the scheduled turn through the container again; the
 * employee has no paired channel, so the reply lands in the portal inbox.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const STARTUP_TIMEOUT_MS = 300_000;
const EMPLOYEE = "emp-carol";

let dev: ChildProcess;
let stateDir: string;
let base: string;
let output = "";
let cookie = "";

/**
 * One API call. wrangler dev reloads the Worker when a source file changes (other work in the same
 * tree) and answers "Your worker restarted mid-request"; the call is repeated then, which is safe:
 * reads are reads, and the chat message carries a client message id, so it is one turn.
 */
async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  let res: Response;
  let text: string;
  for (let attempt = 1; ; attempt++) {
    res = await fetch(`${base}${path}`, {
      method,
      headers: { accept: "application/json", cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    text = await res.text();
    if (!text.startsWith("Your worker restarted") || attempt >= 5) break;
  }
  try {
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  } catch {
    throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 2000)}\n${output.slice(-3000)}`);
  }
}

async function poll<T>(what: string, read: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "clawgate-reminder-e2e-"));
  const [edgePort, runtimePort, gatewayPort, proxyPort, inspectorPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  base = `http://127.0.0.1:${edgePort}`;
  dev = spawn(process.execPath, [join(ROOT, "scripts/dev.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      CLAWGATE_STATE_DIR: stateDir,
      CLAWGATE_EDGE_PORT: String(edgePort),
      CLAWGATE_RUNTIME_PORT: String(runtimePort),
      CLAWGATE_INSPECTOR_PORT: String(inspectorPort),
      OPENCLAW_GATEWAY_PORT: String(gatewayPort),
      CLAWGATE_PROXY_PORT: String(proxyPort),
      // The offline model, whatever the developer has exported.
      BEDROCK_MODEL_ID: "",
      OPENAI_BASE_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  dev.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await poll("npm run dev starting", async () => (/ClawGate is running/.test(output) ? true : dev.exitCode !== null ? Promise.reject(new Error(output.slice(-4000))) : null), STARTUP_TIMEOUT_MS);

  const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ employeeId: EMPLOYEE, password: "acme-demo" }) });
  expect(login.status).toBe(200);
  cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
}, STARTUP_TIMEOUT_MS + 10_000);

afterAll(async () => {
  if (dev && dev.exitCode === null && dev.signalCode === null) {
    const exited = new Promise((r) => dev.once("exit", r));
    dev.kill("SIGINT");
    await exited;
  }
  // OpenClaw may still be finishing a cache write as it exits: retry the removal.
  if (stateDir) await rm(stateDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
}, 60_000);

type ScheduleView = { id: string; status: string; prompt: string; timing: { kind: string }; nextRunAt: string | null };
type InboxView = { items: Array<{ scheduleId: string; turnId: string; text: string; deliveryError: string | null; createdAt: string }>; unread: number };

describe("a reminder asked for in the portal", () => {
  it("is harvested from OpenClaw, fired by the Durable Object's alarm and lands in the inbox", { timeout: 300_000 }, async () => {
    const asked = await api<{ toolEvents: Array<{ tool: string }> }>("POST", "/api/portal/chat", { message: "remind me in 1 minute to stretch my legs", clientMessageId: `e2e-${Date.now()}` });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.toolEvents.map((e) => e.tool)).toContain("automations");

    const { schedules } = (await api<{ schedules: ScheduleView[] }>("GET", "/api/portal/schedules")).body;
    expect(schedules).toHaveLength(1);
    const [schedule] = schedules;
    expect(schedule).toMatchObject({ status: "active", timing: { kind: "at" } });
    expect(schedule!.prompt).toContain("stretch my legs");
    expect((await api<InboxView>("GET", "/api/portal/inbox")).body).toEqual({ items: [], unread: 0 });

    const inbox = await poll(
      "the reminder reaching the inbox",
      async () => {
        const { body } = await api<InboxView>("GET", "/api/portal/inbox");
        return body.items.length ? body : null;
      },
      180_000,
    );
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ scheduleId: schedule!.id, deliveryError: null });
    expect(inbox.items[0]!.text).toContain("time to stretch my legs");
    // Not before it was due.
    expect(Date.parse(inbox.items[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(schedule!.nextRunAt!));
    // A one-off: finished once it ran.
    expect((await api<{ schedules: ScheduleView[] }>("GET", "/api/portal/schedules")).body.schedules).toMatchObject([{ id: schedule!.id, status: "finished", nextRunAt: null }]);
  });
});

import { InvocationRequest } from "@clawgate/contracts";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { TurnOutcome } from "../src/index.ts";
import { HEALTH_TTL_MS, healthClock } from "../src/runtime/health.ts";
import { seedAcme, testEnv, RUNTIME_URL } from "../../edge/test/seeded.ts";
import { echoResult, json } from "./fake-runtime.ts";
import { client, signInAs } from "../../edge/test/org-client.ts";

/**
 * An always-on endpoint is health-checked (GET /ping, cached for HEALTH_TTL_MS) and, while
 * unhealthy, its employee's turns go to the next tier. Both runtimes are faked at the fetch
 * boundary; the health clock is injected so a cached verdict lapses without sleeping.
 */
const ALWAYS_ON = "http://carol-always-on.test";
let ping: () => Response | Promise<Response>;
let invocation: (request: InvocationRequest) => Response;
let pings: number;
let calls: string[];
let now: number;
let spy: { mockRestore: () => void };

const db = () => testEnv.DB;
const send = async (message = "hello") =>
  (await testEnv.EMPLOYEE_AGENT.getByName("emp-carol").send({ employeeId: "emp-carol", accessPath: "employee", sourceMessageId: crypto.randomUUID(), message })) as TurnOutcome;
const runtimeAudits = async () =>
  (
    await db()
      .prepare("SELECT type, detail FROM audit_events WHERE employee_id = 'emp-carol' AND type LIKE 'runtime.%' ORDER BY id")
      .all<{ type: string; detail: string }>()
  ).results.map((row) => ({ type: row.type, detail: JSON.parse(row.detail) as Record<string, unknown> }));
const healthy = () => json({ status: "Healthy", time_of_last_update: 1 });

describe("always-on endpoint health and fallback", () => {
  beforeAll(async () => {
    await seedAcme();
    await db()
      .prepare("INSERT INTO always_on_endpoints (employee_id, endpoint, updated_at, updated_by) VALUES ('emp-carol', ?, ?, 'emp-jiade')")
      .bind(ALWAYS_ON, new Date().toISOString())
      .run();
    now = 1_000_000;
    healthClock.now = () => now;
  });
  beforeEach(() => {
    pings = 0;
    calls = [];
    ping = healthy;
    invocation = (request) => json(echoResult(request));
    const original = globalThis.fetch;
    spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url === `${ALWAYS_ON}/ping`) {
        pings++;
        return ping();
      }
      if (!url.startsWith(ALWAYS_ON) && !url.startsWith(RUNTIME_URL)) return original(input, init);
      calls.push(url);
      const request = InvocationRequest.parse(JSON.parse(String(init?.body)));
      return url.startsWith(ALWAYS_ON) ? invocation(request) : json(echoResult(request));
    });
  });
  afterEach(() => spy.mockRestore());

  it("serves turns from a healthy endpoint, pinging it once per cache period", async () => {
    expect((await send("one")).ok).toBe(true);
    expect((await send("two")).ok).toBe(true);
    expect(calls).toEqual([`${ALWAYS_ON}/invocations`, `${ALWAYS_ON}/invocations`]);
    expect(pings).toBe(1);
    expect(await runtimeAudits()).toEqual([]);
  });

  it("sends the turn to the next tier while /ping fails, and audits the change once", async () => {
    now += HEALTH_TTL_MS + 1;
    ping = () => json({ message: "starting" }, 503);
    const first = await send("while down");
    expect(first).toMatchObject({ ok: true, result: { reply: "echo: while down" } });
    expect((await send("still down")).ok).toBe(true);
    expect(calls).toEqual([`${RUNTIME_URL}/invocations`, `${RUNTIME_URL}/invocations`]);
    expect(pings).toBe(1);
    const usage = await db().prepare("SELECT runtime_id FROM usage WHERE turn_id = ?").bind(first.ok ? first.result.turnId : "").first<{ runtime_id: string }>();
    expect(usage?.runtime_id).toBe("rt-standard");
    expect(await runtimeAudits()).toEqual([{ type: "runtime.fallback", detail: { from: "always-on:emp-carol", to: "rt-standard", reason: "ping answered 503" } }]);
  });

  it("goes back to the endpoint once it is healthy and the cached verdict has expired", async () => {
    // Healthy again, but the unhealthy verdict is still fresh: the turn stays on the fallback.
    expect((await send("cached")).ok).toBe(true);
    expect(calls).toEqual([`${RUNTIME_URL}/invocations`]);
    expect(pings).toBe(0);
    now += HEALTH_TTL_MS + 1;
    expect((await send("recovered")).ok).toBe(true);
    expect(calls.at(-1)).toBe(`${ALWAYS_ON}/invocations`);
    expect((await runtimeAudits()).map((a) => a.type)).toEqual(["runtime.fallback", "runtime.recovered"]);
  });

  it("treats a 5xx from the endpoint's invocation as unhealthy: the retry goes to the next tier", async () => {
    now += HEALTH_TTL_MS + 1;
    invocation = () => json({ error: "gateway crashed" }, 502);
    const outcome = await send("crash");
    expect(outcome).toMatchObject({ ok: true, result: { reply: "echo: crash" } });
    expect(calls).toEqual([`${ALWAYS_ON}/invocations`, `${RUNTIME_URL}/invocations`]);
    const audits = await runtimeAudits();
    expect(audits.at(-1)).toMatchObject({ type: "runtime.fallback", detail: { from: "always-on:emp-carol", to: "rt-standard", reason: expect.stringContaining("502") } });
  });

  it("falls back when the ping cannot reach the endpoint at all", async () => {
    now += HEALTH_TTL_MS + 1;
    ping = () => {
      throw new TypeError("connection refused");
    };
    expect((await send("unreachable")).ok).toBe(true);
    expect(calls).toEqual([`${RUNTIME_URL}/invocations`]);
  });

  it("shows the endpoint's current verdict in the route explanation, without changing where turns go", async () => {
    const admin = client(await signInAs("emp-jiade"));
    const explain = async () => (await admin.get("/api/admin/employees/emp-carol/route")).body;
    now += HEALTH_TTL_MS + 1;
    ping = () => json({ message: "starting" }, 503);
    expect(await explain()).toMatchObject({
      tier: "always_on",
      health: { healthy: false, reason: "ping answered 503", checkedAt: new Date(now).toISOString(), servingRuntimeId: "rt-standard" },
    });
    // The cached verdict answers the next explanation and the next turn alike.
    expect(pings).toBe(1);
    expect((await send("after explain")).ok).toBe(true);
    expect(calls).toEqual([`${RUNTIME_URL}/invocations`]);
    expect(pings).toBe(1);

    now += HEALTH_TTL_MS + 1;
    ping = healthy;
    expect((await explain()).health).toEqual({ healthy: true, reason: null, checkedAt: new Date(now).toISOString(), servingRuntimeId: "always-on:emp-carol" });
    // Another employee without an always-on endpoint has no verdict to show.
    expect((await admin.get("/api/admin/employees/emp-sarah/route")).body.health).toBeUndefined();
  });
});

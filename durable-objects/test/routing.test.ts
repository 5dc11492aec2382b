import { InvocationRequest } from "@clawgate/contracts";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { TurnOutcome } from "../src/index.ts";
import { NoRouteError, selectRoute } from "../src/runtime/select.ts";
import { loadEmployee } from "../src/turn/control-plane.ts";
import { seedAcme, testEnv } from "../../edge/test/seeded.ts";
import { echoResult, json } from "./fake-runtime.ts";

/**
 * The 3-tier routing of DESIGN §4 step 5, as the turn path applies it: each turn is sent where
 * selectRoute says, with the employee's always-on endpoint first, then their own override, then
 * their position's runtime, then the default. Plain HTTP runtimes are faked at the fetch boundary.
 */
const hosts = ["http://runtime.test", "http://executive.test", "http://carol-always-on.test"];
let calls: { url: string; request: InvocationRequest }[];
let spy: { mockRestore: () => void };

const db = () => testEnv.DB;
const run = (sql: string, ...binds: unknown[]) => db().prepare(sql).bind(...binds).run();
const send = async (employeeId: string, message = "hello") =>
  (await testEnv.EMPLOYEE_AGENT.getByName(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message })) as TurnOutcome;
const lastCall = () => calls.at(-1)!;
const routeOf = async (employeeId: string) => selectRoute(db(), (await loadEmployee(db(), employeeId))!);

describe("routing", () => {
  beforeAll(async () => {
    await seedAcme();
    await run("UPDATE runtimes SET endpoint = 'http://executive.test' WHERE id = 'rt-executive'");
  });
  beforeEach(() => {
    calls = [];
    const original = globalThis.fetch;
    spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (!hosts.some((host) => url.startsWith(host))) return original(input, init);
      // Always-on endpoints are health-checked before use (always-on.test.ts covers the unhealthy case).
      if (url.endsWith("/ping")) return json({ status: "Healthy", time_of_last_update: 0 });
      const request = InvocationRequest.parse(JSON.parse(String(init?.body)));
      calls.push({ url, request });
      return json(echoResult(request));
    });
  });
  afterEach(() => spy.mockRestore());

  it("sends each employee's turn to their position's runtime", async () => {
    expect((await send("emp-peter")).ok).toBe(true);
    expect(lastCall().url).toBe("http://executive.test/invocations");
    expect((await routeOf("emp-peter")).tier).toBe("position_rule");
    expect((await send("emp-carol")).ok).toBe(true);
    expect(lastCall().url).toBe("http://runtime.test/invocations");
  });

  it("falls back to the default runtime when neither the employee nor the position names one", async () => {
    await run("UPDATE positions SET runtime_id = NULL WHERE id = 'pos-fa'");
    const decision = await routeOf("emp-carol");
    expect(decision).toMatchObject({ tier: "default", runtime: { id: "rt-standard" } });
    expect(decision.tiers.map((t) => t.runtimeId)).toEqual([null, null, null, "rt-standard"]);
    await send("emp-carol");
    expect(lastCall().url).toBe("http://runtime.test/invocations");
  });

  it("lets the employee's override beat the position rule, and re-pushes the whole plan to the new runtime", async () => {
    await run("UPDATE positions SET runtime_id = 'rt-standard' WHERE id = 'pos-fa'");
    await run("UPDATE employees SET runtime_id = 'rt-executive' WHERE id = 'emp-carol'");
    expect(await routeOf("emp-carol")).toMatchObject({ tier: "employee_override", runtime: { id: "rt-executive" } });
    await send("emp-carol", "on the executive runtime");
    expect(lastCall().url).toBe("http://executive.test/invocations");
    // What the standard runtime holds says nothing about the executive one: plan and blobs go inline.
    expect(lastCall().request.plan).toBeDefined();
    expect(Object.keys(lastCall().request.blobs).length).toBeGreaterThan(5);
  });

  it("puts an always-on endpoint before everything else, and accounts the turn to it", async () => {
    await run("INSERT INTO always_on_endpoints (employee_id, endpoint, updated_at, updated_by) VALUES ('emp-carol', 'http://carol-always-on.test', ?, 'emp-jiade')", new Date().toISOString());
    const decision = await routeOf("emp-carol");
    expect(decision).toMatchObject({ tier: "always_on", runtime: { id: "always-on:emp-carol", kind: "http", endpoint: "http://carol-always-on.test" } });
    expect(decision.tiers.map((t) => t.runtimeId)).toEqual(["always-on:emp-carol", "rt-executive", "rt-standard", "rt-standard"]);
    const outcome = await send("emp-carol", "always on");
    expect(lastCall().url).toBe("http://carol-always-on.test/invocations");
    const usage = await db().prepare("SELECT runtime_id FROM usage WHERE turn_id = ?").bind(outcome.ok ? outcome.result.turnId : "").first<{ runtime_id: string }>();
    expect(usage?.runtime_id).toBe("always-on:emp-carol");
    // Nobody else is affected by Carol's endpoint.
    expect((await routeOf("emp-david")).tier).toBe("position_rule");
  });

  it("fails the turn with a clear reason when nothing routes it", async () => {
    await run("UPDATE positions SET runtime_id = NULL WHERE id = 'pos-hr'");
    await run("UPDATE runtimes SET is_default = 0");
    try {
      await expect(routeOf("emp-jenny")).rejects.toBeInstanceOf(NoRouteError);
      const outcome = await send("emp-jenny");
      expect(outcome).toEqual({ ok: false, error: { code: "turn_failed", message: expect.stringContaining("no default runtime is configured") } });
      expect(calls).toHaveLength(0);
    } finally {
      await run("UPDATE runtimes SET is_default = 1 WHERE id = 'rt-standard'");
    }
  });
});

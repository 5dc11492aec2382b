import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnOutcome } from "../src/index.ts";
import { seedAcme, testEnv } from "../../edge/test/seeded.ts";
import { echoResult, fakeRuntime, json, sse, type FakeRuntime } from "./fake-runtime.ts";

let runtime: FakeRuntime;
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);
const send = (employeeId: string, message: string, sourceMessageId = crypto.randomUUID()) =>
  agent(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId, message }) as Promise<TurnOutcome>;

describe("EmployeeAgent", () => {
  beforeAll(seedAcme);
  afterEach(() => runtime?.restore());

  it("pushes blobs by hash: answers needBlobs once, then holds them", async () => {
    runtime = fakeRuntime();
    const first = await send("emp-carol", "hello");
    expect(first).toMatchObject({ ok: true, result: { reply: "echo: hello" } });
    // First call inlined everything it had never sent; the fake had none, so no second round was needed.
    expect(runtime.invocations).toHaveLength(1);
    expect(Object.keys(runtime.invocations[0]!.blobs).length).toBeGreaterThan(5);
    await send("emp-carol", "again");
    expect(Object.keys(runtime.invocations[1]!.blobs)).toHaveLength(0);
  });

  it("re-sends exactly the blobs a fresh runtime asks for", async () => {
    runtime = fakeRuntime();
    await send("emp-sophie", "warm up");
    const asked: string[] = [];
    runtime.respond = (request, call) => {
      if (call === 2) {
        asked.push(runtime.planOf(request)!.soul.global.sha256);
        return json({ needBlobs: asked });
      }
      return json(echoResult(request));
    };
    const outcome = await send("emp-sophie", "after a microVM restart");
    expect(outcome.ok).toBe(true);
    expect(Object.keys(runtime.invocations[2]!.blobs)).toEqual(asked);
  });

  it("runs one employee's turns one at a time, in arrival order", async () => {
    runtime = fakeRuntime();
    let active = 0;
    let maxActive = 0;
    runtime.respond = async (request) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 20));
      active--;
      return json(echoResult(request));
    };
    const outcomes = await Promise.all(["one", "two", "three", "four"].map((m) => send("emp-ryan", m)));
    expect(outcomes.map((o) => o.ok && o.result.reply)).toEqual(["echo: one", "echo: two", "echo: three", "echo: four"]);
    expect(runtime.invocations.map((i) => i.message)).toEqual(["one", "two", "three", "four"]);
    expect(maxActive).toBe(1);
  });

  it("is idempotent on the source message id: one turn, one reply", async () => {
    runtime = fakeRuntime();
    runtime.respond = async (request) => {
      await new Promise((r) => setTimeout(r, 20));
      return json(echoResult(request));
    };
    const [a, b] = await Promise.all([send("emp-tony", "only once", "portal:dup-1"), send("emp-tony", "only once", "portal:dup-1")]);
    const c = await send("emp-tony", "only once", "portal:dup-1");
    expect(runtime.invocations).toHaveLength(1);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) {
      expect(b.result.turnId).toBe(a.result.turnId);
      expect(c.result).toEqual(a.result);
      expect(c.duplicate).toBe(true);
    }
  });

  it("writes memory changes to an R2 checkpoint that the next plan carries", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request, call) =>
      json(
        call === 1
          ? echoResult(request, { memoryChanges: [{ path: "MEMORY.md", sha256: "0".repeat(64), text: "# MEMORY\n- badge 4242\n" }] })
          : echoResult(request),
      );
    await send("emp-lisa", "remember badge 4242");
    await send("emp-lisa", "what do you remember?");
    const memory = runtime.invocations[1]!.plan!.memory;
    expect(memory.files.map((f) => f.path)).toEqual(["MEMORY.md"]);
    expect(memory.path).toMatch(/^memory\/emp-lisa\/[0-9a-f]{64}\.json$/);
    const blob = await testEnv.CONTENT.get(`blobs/${memory.files[0]!.sha256}`);
    expect(await blob?.text()).toBe("# MEMORY\n- badge 4242\n");
    expect(await testEnv.CONTENT.get(memory.path!)).not.toBeNull();
  });

  it("records one usage row and audits the invocation, tool calls and denials", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request) =>
      json(echoResult(request, { toolEvents: [{ tool: "read", allowed: true, args: { path: "x.md" } }, { tool: "exec", allowed: false, reason: "not permitted" }] }));
    const outcome = await send("emp-rachel", "try things");
    if (!outcome.ok) throw new Error(outcome.error.message);
    const usage = await testEnv.DB.prepare("SELECT * FROM usage WHERE turn_id = ?").bind(outcome.result.turnId).all<Record<string, unknown>>();
    expect(usage.results).toHaveLength(1);
    expect(usage.results[0]).toMatchObject({ employee_id: "emp-rachel", model: "clawgate-offline", input_tokens: 100, output_tokens: 20, cost_usd: 0, priced: 1 });
    const audit = await testEnv.DB.prepare("SELECT type, detail FROM audit_events WHERE employee_id = 'emp-rachel' ORDER BY id").all<{ type: string; detail: string }>();
    expect(audit.results.map((a) => a.type)).toEqual(["agent.invocation", "agent.tool_call", "agent.tool_denied"]);
    expect(audit.results.every((a) => !a.detail.includes("try things"))).toBe(true);
  });

  it("streams deltas, tool events and the result", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request) => sse([["delta", { text: "hel" }], ["tool", { tool: "read", allowed: true }], ["delta", { text: "lo" }], ["result", echoResult(request, { reply: "hello" })]]);
    // Peter's executive runtime has no output guardrail, so deltas stream as they arrive.
    const stream = await agent("emp-peter").stream({ employeeId: "emp-peter", accessPath: "employee", sourceMessageId: "portal:s1", message: "hi" });
    const text = await new Response(stream).text();
    expect(text.indexOf("event: delta")).toBeLessThan(text.indexOf("event: tool"));
    expect(text).toContain('"reply":"hello"');
  });

  it("retries a failing runtime, then reports the failure instead of dropping the turn", async () => {
    runtime = fakeRuntime();
    runtime.respond = () => json({ error: { code: "boom", message: "down" } }, 503);
    const outcome = await send("emp-alex", "are you there?");
    expect(outcome.ok).toBe(false);
    expect(runtime.invocations).toHaveLength(3);
    const transcript = await agent("emp-alex").transcript();
    expect(transcript.at(-1)).toMatchObject({ message: "are you there?", status: "failed" });
    const failed = await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE type = 'agent.turn_failed' AND employee_id = 'emp-alex'").first<{ n: number }>();
    expect(failed?.n).toBe(1);
  });
});

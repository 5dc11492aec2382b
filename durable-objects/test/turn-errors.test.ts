import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnOutcome } from "../src/index.ts";
import { seedAcme, testEnv } from "../../edge/test/seeded.ts";
import { echoResult, fakeRuntime, json, sse, type FakeRuntime } from "./fake-runtime.ts";

/** A turn the runtime ran but the model or OpenClaw failed: a 200 result with status "error". */

let runtime: FakeRuntime;
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);
const send = (employeeId: string, message: string, sourceMessageId = crypto.randomUUID()) =>
  agent(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId, message }) as Promise<TurnOutcome>;

const REASON = "the model or OpenClaw failed: upstream provider timeout";
const failedBeforeAnyModelCall = { status: "error" as const, error: REASON, reply: "", usage: { inputTokens: 0, outputTokens: 0, model: "clawgate-offline" } };

async function auditOf(employeeId: string) {
  const rows = await testEnv.DB.prepare("SELECT type, detail FROM audit_events WHERE employee_id = ? ORDER BY id").bind(employeeId).all<{ type: string; detail: string }>();
  return rows.results.map((r) => ({ type: r.type, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

async function usageRows(employeeId: string) {
  return (await testEnv.DB.prepare("SELECT model, input_tokens, output_tokens FROM usage WHERE employee_id = ?").bind(employeeId).all()).results;
}

describe("EmployeeAgent: error results", () => {
  beforeAll(seedAcme);
  afterEach(() => runtime?.restore());

  it("reports the failure to the user, once, and keeps their message in the transcript", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request) => json(echoResult(request, failedBeforeAnyModelCall));
    const outcome = await send("emp-jiade", "summarise my week");

    expect(outcome).toEqual({ ok: false, error: { code: "turn_failed", message: `Your agent could not answer: ${REASON}` } });
    // Not retried: the runtime did run the turn, and a retry could repeat its tool calls.
    expect(runtime.invocations).toHaveLength(1);
    const transcript = await agent("emp-jiade").transcript();
    expect(transcript.at(-1)).toMatchObject({ message: "summarise my week", status: "failed", reply: null });
  });

  it("audits it as a failed turn and writes no usage row for a model that was never called", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request) => json(echoResult(request, failedBeforeAnyModelCall));
    await send("emp-marcus", "hello?");

    expect(await usageRows("emp-marcus")).toEqual([]);
    const audit = await auditOf("emp-marcus");
    expect(audit.map((a) => a.type)).toEqual(["agent.turn_failed"]);
    expect(audit[0]!.detail).toMatchObject({ error: REASON, inputTokens: 0, outputTokens: 0 });
    expect(JSON.stringify(audit)).not.toContain("hello?");
  });

  it("still bills the tokens it spent and audits the tool calls made before it failed", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request) =>
      json(
        echoResult(request, {
          ...failedBeforeAnyModelCall,
          usage: { inputTokens: 1200, outputTokens: 40, model: "clawgate-offline" },
          toolEvents: [
            { tool: "read", allowed: true, args: { path: "MEMORY.md" } },
            { tool: "exec", allowed: false, reason: "not permitted" },
          ],
        }),
      );
    const outcome = await send("emp-daniel", "check the ledger");
    expect(outcome.ok).toBe(false);

    expect(await usageRows("emp-daniel")).toEqual([{ model: "clawgate-offline", input_tokens: 1200, output_tokens: 40 }]);
    expect((await auditOf("emp-daniel")).map((a) => a.type)).toEqual(["agent.turn_failed", "agent.tool_call", "agent.tool_denied"]);
  });

  it("keeps the memory the agent wrote before the turn failed", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request, call) =>
      json(
        call === 1
          ? echoResult(request, { ...failedBeforeAnyModelCall, memoryChanges: [{ path: "MEMORY.md", sha256: "0".repeat(64), text: "# MEMORY\n- parking spot 12\n" }] })
          : echoResult(request),
      );
    await send("emp-nathan", "remember my parking spot is 12");
    await send("emp-nathan", "where do I park?");
    const plan = runtime.planOf(runtime.invocations[1]!);
    expect(plan?.memory.files.map((f) => f.path)).toEqual(["MEMORY.md"]);
  });

  it("streams the text that arrived, then an error event instead of a result", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request) => sse([["delta", { text: "Let me" }], ["result", echoResult(request, failedBeforeAnyModelCall)]]);
    // Peter's executive runtime has no output guardrail, so deltas stream as they arrive.
    const stream = await agent("emp-peter").stream({ employeeId: "emp-peter", accessPath: "employee", sourceMessageId: "portal:err-1", message: "hi" });
    const text = await new Response(stream).text();
    expect(text.indexOf("event: delta")).toBeLessThan(text.indexOf("event: error"));
    expect(text).not.toContain("event: result");
    expect(text).toContain(REASON);

    // Asking again with the same id replays the failure; nothing runs twice.
    const again = await send("emp-peter", "hi", "portal:err-1");
    expect(again).toMatchObject({ ok: false, error: { message: `Your agent could not answer: ${REASON}` } });
    expect(runtime.invocations).toHaveLength(1);
  });
});

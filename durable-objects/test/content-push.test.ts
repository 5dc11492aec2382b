import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { planBlobHashes, sha256Hex } from "@clawgate/contracts";
import type { TurnOutcome } from "../src/index.ts";
import { seedAcme, testEnv } from "../../edge/test/seeded.ts";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "./fake-runtime.ts";

/** DESIGN §5, edge side: plan and blobs are pushed by hash, only when the runtime lacks them. */

let runtime: FakeRuntime;
const send = (employeeId: string, message: string) =>
  testEnv.EMPLOYEE_AGENT.getByName(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message }) as Promise<TurnOutcome>;
const bytes = (text: string) => new TextEncoder().encode(text).length;
const sorted = (values: Iterable<string>) => [...values].sort();

describe("content-addressed push", () => {
  beforeAll(seedAcme);
  afterEach(() => runtime?.restore());

  it("sends plan and blobs once; an unchanged plan on a warm session costs at most 2 KB", async () => {
    runtime = fakeRuntime();
    expect(await send("emp-ryan", "hello")).toMatchObject({ ok: true });
    const [cold] = runtime.invocations;
    const plan = cold!.plan!;
    // A realistic ACME plan: SOUL and AGENTS layers, USER, several knowledge bases, skills.
    expect(planBlobHashes(plan).length).toBeGreaterThanOrEqual(20);
    expect(sorted(Object.keys(cold!.blobs))).toEqual(sorted(planBlobHashes(plan)));
    expect(bytes(runtime.bodies[0]!)).toBeGreaterThan(20 * 1024);

    expect(await send("emp-ryan", "what is on my plate today?")).toMatchObject({ ok: true, result: { reply: "echo: what is on my plate today?" } });
    expect(runtime.invocations).toHaveLength(2);
    const warm = runtime.invocations[1]!;
    expect(warm.planVersion).toBe(cold!.planVersion);
    expect(warm.plan).toBeUndefined();
    expect(warm.blobs).toEqual({});
    expect(bytes(runtime.bodies[1]!)).toBeLessThanOrEqual(2048);
  });

  it("re-sends the plan with every blob when a restarted runtime asks for the plan version", async () => {
    runtime = fakeRuntime();
    await send("emp-carol", "warm up");
    runtime.restart();

    const outcome = await send("emp-carol", "after a microVM restart");
    expect(outcome).toMatchObject({ ok: true, result: { reply: "echo: after a microVM restart" } });
    const [, byRef, resent] = runtime.invocations;
    expect(byRef!.plan).toBeUndefined();
    expect(byRef!.blobs).toEqual({});
    expect(resent!.planVersion).toBe(byRef!.planVersion);
    expect(resent!.plan).toBeDefined();
    expect(sorted(Object.keys(resent!.blobs))).toEqual(sorted(planBlobHashes(resent!.plan!)));
    expect(runtime.invocations).toHaveLength(3);

    // The DO learned what the new runtime holds: the next turn goes by reference again.
    await send("emp-carol", "and again");
    expect(runtime.invocations[3]).toMatchObject({ planVersion: byRef!.planVersion, blobs: {} });
    expect(runtime.invocations[3]!.plan).toBeUndefined();
  });

  it("does not push back the memory the runtime itself wrote", async () => {
    runtime = fakeRuntime();
    const text = "# MEMORY\n\n- parking spot B12\n";
    const hash = await sha256Hex(text);
    runtime.respond = (request, call) =>
      call === 1 ? json(echoResult(request, { memoryChanges: [{ path: "MEMORY.md", sha256: hash, text }] })) : json(echoResult(request));
    await send("emp-lisa", "remember my parking spot B12");
    await send("emp-lisa", "where did I park?");

    const next = runtime.invocations[1]!;
    // The plan changed (new memory checkpoint), so it travels; the memory text does not.
    expect(next.plan?.memory.files).toEqual([{ path: "MEMORY.md", sha256: hash }]);
    expect(next.planVersion).not.toBe(runtime.invocations[0]!.planVersion);
    expect(Object.keys(next.blobs)).toEqual([]);
  });

  it("fails the turn when a runtime asks for content the plan does not reference", async () => {
    runtime = fakeRuntime();
    runtime.respond = () => json({ needBlobs: ["f".repeat(64)] });
    const outcome = await send("emp-david", "hello");
    expect(outcome).toMatchObject({ ok: false, error: { code: "turn_failed" } });
    if (!outcome.ok) expect(outcome.error.message).toContain("does not reference");
    // Nothing but plan content was ever read out to it.
    for (const request of runtime.invocations) {
      for (const hash of Object.keys(request.blobs)) expect(planBlobHashes(runtime.planOf(request)!)).toContain(hash);
    }
  });
});

import { runInDurableObject } from "cloudflare:test";
import { HEARTBEAT_PROMPT, type InvocationRequest } from "@clawgate/contracts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { scheduleClock } from "../../durable-objects/src/schedules/clock.ts";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { client, signInAs } from "./org-client.ts";
import { auditOf, pairTelegram } from "./schedules-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { fakeTelegram, type FakeTelegram } from "./telegram-fake.ts";

/**
 * The heartbeat through the portal API, the real EmployeeAgent and its alarm, with the schedule
 * clock under the test's control; the agent runtime and Telegram are faked at the fetch boundary.
 */
let runtime: FakeRuntime;
let telegram: FakeTelegram | null = null;
const MINUTE = 60_000;
const T0 = Date.parse("2027-05-03T08:00:00Z");
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);
/** The alarm handler at `ms` after T0 (run directly: whether workerd would fire now is what the handler decides). */
async function alarmAt(employeeId: string, ms: number): Promise<void> {
  scheduleClock.now = () => T0 + ms;
  await runInDurableObject(agent(employeeId), (instance) => instance.alarm());
}
const heartbeatRuns = () => runtime.invocations.filter((i) => i.message === HEARTBEAT_PROMPT);

/** The agent answers each heartbeat with the next of `replies`. */
function agentReplies(replies: string[]): void {
  runtime = fakeRuntime();
  let n = 0;
  runtime.respond = (request: InvocationRequest) => json(echoResult(request, { reply: request.message === HEARTBEAT_PROMPT ? replies[n++]! : "ok" }));
}

describe("the agent's heartbeat", () => {
  let daniel: ReturnType<typeof client>;
  let lisa: ReturnType<typeof client>;

  beforeAll(async () => {
    await seedAcme();
    daniel = client(await signInAs("emp-daniel"));
    lisa = client(await signInAs("emp-lisa"));
  });
  afterEach(() => {
    telegram?.restore();
    telegram = null;
    runtime?.restore();
    scheduleClock.now = () => Date.now();
  });

  it("fires at its interval with HEARTBEAT.md's instructions; HEARTBEAT_OK stays silent, a finding is delivered", async () => {
    agentReplies(["HEARTBEAT_OK", "Your 15:00 with ACME moved to 16:00.", "NO_REPLY"]);
    telegram = fakeTelegram();
    await pairTelegram("emp-daniel", 9101);
    expect((await daniel.get("/api/portal/heartbeat")).body).toEqual({ enabled: false, everyMinutes: 30, nextRunAt: null, instructions: "" });

    const instructions = "# Heartbeat\n\n- Check whether any meeting today moved and tell me.\n";
    expect((await daniel.put("/api/portal/memory/HEARTBEAT.md", { text: instructions })).status).toBe(200);
    scheduleClock.now = () => T0;
    const enabled = await daniel.put("/api/portal/heartbeat", { enabled: true, everyMinutes: 60 });
    expect(enabled).toMatchObject({ status: 200, body: { enabled: true, everyMinutes: 60, nextRunAt: new Date(T0 + 60 * MINUTE).toISOString(), instructions } });
    expect(await runInDurableObject(agent("emp-daniel"), (_instance, state) => state.storage.getAlarm())).toBe(T0 + 60 * MINUTE);

    await alarmAt("emp-daniel", 59 * MINUTE);
    expect(heartbeatRuns()).toEqual([]);

    await alarmAt("emp-daniel", 60 * MINUTE + 5_000);
    expect(heartbeatRuns()).toHaveLength(1);
    expect(runtime.planOf(heartbeatRuns()[0]!)?.accessPath).toBe("scheduled");
    expect(telegram.calls).toEqual([]);
    expect((await daniel.get("/api/portal/heartbeat")).body.nextRunAt).toBe(new Date(T0 + 120 * MINUTE).toISOString());

    await alarmAt("emp-daniel", 120 * MINUTE);
    expect(telegram.sentTo(9101)).toEqual(["⏰ Heartbeat\n\nYour 15:00 with ACME moved to 16:00."]);
    await alarmAt("emp-daniel", 180 * MINUTE);
    expect(heartbeatRuns()).toHaveLength(3);
    expect(telegram.sentTo(9101)).toHaveLength(1);
    expect(await agent("emp-daniel").inbox()).toEqual({ items: [], unread: 0 });
    expect(await auditOf("emp-daniel", "heartbeat.updated")).toEqual([{ actor: "emp-daniel", detail: { scheduleId: "heartbeat", enabled: true, everyMinutes: 60 } }]);
    // Saving the same settings again changes nothing: the next run stays put and nothing new is audited.
    const again = await daniel.put("/api/portal/heartbeat", { enabled: true, everyMinutes: 60 });
    expect(again).toMatchObject({ status: 200, body: { enabled: true, everyMinutes: 60, nextRunAt: new Date(T0 + 240 * MINUTE).toISOString() } });
    expect(await auditOf("emp-daniel", "heartbeat.updated")).toHaveLength(1);
    // The heartbeat is not one of the agent's scheduled tasks.
    expect((await daniel.get("/api/portal/schedules")).body.schedules).toEqual([]);
  });

  it("does not fire when disabled, nor while HEARTBEAT.md asks for nothing", async () => {
    agentReplies(["Something to say"]);
    await lisa.put("/api/portal/memory/HEARTBEAT.md", { text: "# Heartbeat\n\n<!-- add checks here -->\n- [ ]\n" });
    scheduleClock.now = () => T0;
    await lisa.put("/api/portal/heartbeat", { enabled: true, everyMinutes: 30 });
    await alarmAt("emp-lisa", 30 * MINUTE);
    expect(heartbeatRuns()).toEqual([]);
    expect((await lisa.get("/api/portal/heartbeat")).body.nextRunAt).toBe(new Date(T0 + 60 * MINUTE).toISOString());

    await lisa.put("/api/portal/memory/HEARTBEAT.md", { text: "Remind me to drink water." });
    const disabled = await lisa.put("/api/portal/heartbeat", { enabled: false, everyMinutes: 30 });
    expect(disabled.body).toEqual({ enabled: false, everyMinutes: 30, nextRunAt: null, instructions: "Remind me to drink water." });
    await alarmAt("emp-lisa", 90 * MINUTE);
    await alarmAt("emp-lisa", 24 * 60 * MINUTE);
    expect(heartbeatRuns()).toEqual([]);
    expect(await agent("emp-lisa").inbox()).toEqual({ items: [], unread: 0 });
  });

  it("refuses an interval outside 30–1440 minutes or a missing switch with 400, changing nothing", async () => {
    const before = (await lisa.get("/api/portal/heartbeat")).body;
    for (const body of [{ enabled: true, everyMinutes: 29 }, { enabled: true, everyMinutes: 1441 }, { enabled: true, everyMinutes: 45.5 }, { everyMinutes: 60 }, { enabled: "yes", everyMinutes: 60 }]) {
      expect((await lisa.put("/api/portal/heartbeat", body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await lisa.get("/api/portal/heartbeat")).body).toEqual(before);
  });
});

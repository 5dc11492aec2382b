import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { ScheduleChange } from "@clawgate/contracts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { EmployeeAgent } from "../../durable-objects/src/employee-agent/employee-agent.ts";
import { scheduleClock } from "../../durable-objects/src/schedules/clock.ts";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { agentCreatesSchedules, auditOf, fireMorningRun, morningEmail, pairTelegram } from "./schedules-fixtures.ts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { fakeTelegram, type FakeTelegram } from "./telegram-fake.ts";

/**
 * A scheduled run's reply survives failures and evictions: it waits in the EmployeeAgent's outbox
 * (written with the turn's completion) and the alarm retries it after 30 s, 2 min and 10 min before
 * it lands in the inbox. The agent runtime and the Telegram Bot API are faked at the fetch boundary.
 */
let runtime: FakeRuntime;
let telegram: FakeTelegram | null = null;
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);
const agentCreates = (employeeId: string, changes: ScheduleChange[]) => agentCreatesSchedules(runtime, employeeId, changes);
const FIRED_AT = Date.parse("2027-03-14T11:00:05Z");
const REPLY = "⏰ Morning email\n\ndone: Remind me to check my email";

/** Telegram's answer when it wants more than the 30 s a single platform call waits out: the send fails at once, retryable. */
const tooManyRequests = () => Response.json({ ok: false, description: "Too Many Requests: retry after 60", parameters: { retry_after: 60 } }, { status: 429 });
const sendCalls = () => telegram!.calls.filter((c) => c.method === "sendMessage");
const alarmOf = (employeeId: string) => runInDurableObject(agent(employeeId), (_instance, state) => state.storage.getAlarm());

/** The clock moves on to `ms` after the run fired and the object's alarm runs. */
async function alarmAfter(employeeId: string, ms: number): Promise<void> {
  scheduleClock.now = () => FIRED_AT + ms;
  expect(await runDurableObjectAlarm(agent(employeeId))).toBe(true);
}

describe("delivery of scheduled replies through the outbox", () => {
  beforeAll(seedAcme);
  afterEach(() => {
    telegram?.restore();
    telegram = null;
    runtime?.restore();
    scheduleClock.now = () => Date.now();
  });

  it("retries after 30 s and 2 min when Telegram fails twice, and delivers exactly once", async () => {
    runtime = fakeRuntime();
    telegram = fakeTelegram();
    telegram.respond = (call) => (call.method === "sendMessage" && sendCalls().length <= 2 ? tooManyRequests() : null);
    await pairTelegram("emp-daniel", 8101);
    await agentCreates("emp-daniel", [morningEmail("daniel-outbox")]);

    await fireMorningRun("emp-daniel");
    expect(sendCalls()).toHaveLength(1);
    expect(await alarmOf("emp-daniel")).toBe(FIRED_AT + 30_000);

    await alarmAfter("emp-daniel", 30_000);
    expect(sendCalls()).toHaveLength(2);
    expect(await alarmOf("emp-daniel")).toBe(FIRED_AT + 30_000 + 120_000);

    await alarmAfter("emp-daniel", 150_000);
    expect(telegram.sentTo(8101)).toEqual([REPLY]);
    // Nothing is left to send: later alarms (the schedule's next run is tomorrow) do not send it again.
    expect(await alarmOf("emp-daniel")).toBe(Date.parse("2027-03-15T11:00:00Z"));
    await runInDurableObject(agent("emp-daniel"), (instance) => instance.alarm());
    expect(telegram.sentTo(8101)).toEqual([REPLY]);
    expect(await agent("emp-daniel").inbox()).toEqual({ items: [], unread: 0 });
    expect(await auditOf("emp-daniel", "schedule.delivery_failed")).toEqual([]);
  });

  it("puts the reply in the inbox with the failure shown, audited once, after the fourth failed attempt", async () => {
    runtime = fakeRuntime();
    telegram = fakeTelegram();
    telegram.respond = () => tooManyRequests();
    await pairTelegram("emp-nathan", 8201);
    await agentCreates("emp-nathan", [morningEmail("nathan-outbox")]);

    await fireMorningRun("emp-nathan");
    await alarmAfter("emp-nathan", 30_000);
    await alarmAfter("emp-nathan", 150_000);
    expect(await agent("emp-nathan").inbox()).toEqual({ items: [], unread: 0 });
    await alarmAfter("emp-nathan", 750_000);

    expect(sendCalls()).toHaveLength(4);
    expect(await agent("emp-nathan").inbox()).toMatchObject({
      unread: 1,
      items: [{ scheduleId: "nathan-outbox", text: "done: Remind me to check my email", deliveryError: expect.stringContaining("Too Many Requests") }],
    });
    expect(await auditOf("emp-nathan", "schedule.delivery_failed")).toMatchObject([
      { actor: "emp-nathan", detail: { scheduleId: "nathan-outbox", channel: "telegram", attempts: 4, error: expect.stringContaining("Too Many Requests") } },
    ]);
  });

  it("does not retry what the platform refused for good: a blocked bot goes to the inbox at once", async () => {
    runtime = fakeRuntime();
    telegram = fakeTelegram();
    telegram.respond = () => Response.json({ ok: false, description: "Forbidden: bot was blocked by the user" }, { status: 403 });
    await pairTelegram("emp-lisa", 8301);
    await agentCreates("emp-lisa", [morningEmail("lisa-outbox")]);

    await fireMorningRun("emp-lisa");
    expect(sendCalls()).toHaveLength(1);
    expect(await agent("emp-lisa").inbox()).toMatchObject({ unread: 1, items: [{ deliveryError: expect.stringContaining("bot was blocked") }] });
    expect(await auditOf("emp-lisa", "schedule.delivery_failed")).toMatchObject([{ detail: { attempts: 1 } }]);
  });

  it("delivers, once, a reply marked done but not sent when the object was evicted in between", async () => {
    runtime = fakeRuntime();
    telegram = fakeTelegram();
    await pairTelegram("emp-mike", 8401);
    await agentCreates("emp-mike", [morningEmail("mike-outbox")]);
    // A run an hour after the schedule was set, so the morning run is not due yet and only this reply is sent.
    const EVICTED_AT = Date.parse("2027-03-13T14:00:00Z");
    // What the completing transaction leaves behind: the turn done and its reply in the outbox, no send yet.
    const turnId = "turn-evicted-before-send";
    await runInDurableObject(agent("emp-mike"), (_instance, state) => {
      state.storage.sql.exec(
        "INSERT INTO turns (id, source_message_id, access_path, message, status, reply, created_at, finished_at) VALUES (?, ?, 'scheduled', 'Remind me to check my email', 'done', ?, ?, ?)",
        turnId,
        `schedule:mike-outbox:${EVICTED_AT}`,
        "done: Remind me to check my email",
        new Date(EVICTED_AT).toISOString(),
        new Date(EVICTED_AT).toISOString(),
      );
      state.storage.sql.exec(
        "INSERT INTO delivery_outbox (turn_id, schedule_id, title, text, attempts, next_attempt_ms, created_at) VALUES (?, 'mike-outbox', 'Morning email', 'done: Remind me to check my email', 0, ?, ?)",
        turnId,
        EVICTED_AT,
        new Date(EVICTED_AT).toISOString(),
      );
    });
    expect(telegram.sentTo(8401)).toEqual([]);

    // A fresh instance over the same storage, as workerd builds after an eviction, runs the alarm.
    scheduleClock.now = () => EVICTED_AT + 1_000;
    await runInDurableObject(agent("emp-mike"), (_instance, state) => new EmployeeAgent(state, testEnv).alarm());
    expect(telegram.sentTo(8401)).toEqual([REPLY]);
    await runInDurableObject(agent("emp-mike"), (_instance, state) => new EmployeeAgent(state, testEnv).alarm());
    expect(telegram.sentTo(8401)).toEqual([REPLY]);
    expect(await agent("emp-mike").inbox()).toEqual({ items: [], unread: 0 });
  });

  it("tells the employee when a scheduled task could not run, but keeps a failing heartbeat quiet", async () => {
    runtime = fakeRuntime();
    await agentCreates("emp-sarah", [morningEmail("sarah-broken")]);
    // From now on the agent's model fails every turn, as when its provider is down.
    runtime.respond = (request) => json(echoResult(request, { status: "error", error: "model provider unavailable", reply: "" }));
    await fireMorningRun("emp-sarah");
    expect(await agent("emp-sarah").inbox()).toMatchObject({
      unread: 1,
      items: [{ scheduleId: "sarah-broken", title: "Morning email", text: "Your agent could not run this: model provider unavailable", deliveryError: null }],
    });

    const sarah = client(await signInAs("emp-sarah"));
    await sarah.put("/api/portal/memory/HEARTBEAT.md", { text: "Tell me if a deal closes." });
    scheduleClock.now = () => FIRED_AT;
    await sarah.put("/api/portal/heartbeat", { enabled: true, everyMinutes: 30 });
    scheduleClock.now = () => FIRED_AT + 30 * 60_000;
    await runInDurableObject(agent("emp-sarah"), (instance) => instance.alarm());
    expect(runtime.invocations.at(-1)?.message).toContain("HEARTBEAT.md");
    expect((await agent("emp-sarah").inbox()).items).toHaveLength(1);
  });
});

import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import type { InvocationRequest, ScheduleChange } from "@clawgate/contracts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnOutcome } from "../src/index.ts";
import { scheduleClock } from "../src/schedules/clock.ts";
import { seedAcme, testEnv } from "../../edge/test/seeded.ts";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "./fake-runtime.ts";

let runtime: FakeRuntime;
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);
const at = (iso: string) => () => Date.parse(iso);
/** The alarm handler run directly, as workerd does when it retries an alarm whose first run did not complete. */
const rerunAlarm = (employeeId: string) => runInDurableObject(agent(employeeId), (instance) => instance.alarm());

/** The agent answers the first turn by creating `changes` (as the container harvests them from OpenClaw's cron tool). */
function agentSchedules(changes: ScheduleChange[]): void {
  runtime = fakeRuntime();
  runtime.respond = (request: InvocationRequest) =>
    json(echoResult(request, request.message.startsWith("set up") ? { schedules: changes } : { reply: `done: ${request.message}` }));
}

const setUp = (employeeId: string) =>
  agent(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message: "set up my reminders" }) as Promise<TurnOutcome>;

const scheduledPrompts = () => runtime.invocations.filter((i) => !i.message.startsWith("set up")).map((i) => i.message);

const cronAt7 = (id: string): ScheduleChange => ({
  op: "upsert",
  schedule: { id, name: "Morning email", prompt: "Remind me to check my email", timing: { kind: "cron", expr: "0 7 * * *", tz: "America/New_York" }, enabled: true },
});

async function auditOf(employeeId: string, type: string): Promise<Array<{ detail: string }>> {
  return (await testEnv.DB.prepare("SELECT detail FROM audit_events WHERE employee_id = ? AND type = ? ORDER BY at").bind(employeeId, type).all<{ detail: string }>()).results;
}

describe("scheduled tasks in the EmployeeAgent", () => {
  beforeAll(seedAcme);
  afterEach(() => {
    runtime?.restore();
    scheduleClock.now = () => Date.now();
  });

  it("fires a 07:00 America/New_York cron at 07:00 local on both sides of the spring DST change", async () => {
    agentSchedules([cronAt7("job-dst-spring")]);
    scheduleClock.now = at("2027-03-13T13:00:00Z"); // Saturday, after 07:00 EST
    await setUp("emp-daniel");
    const [schedule] = await agent("emp-daniel").schedules();
    // Sunday 14 March 2027 is the day DST starts: 07:00 EDT is 11:00 UTC (the day before it was 12:00 UTC).
    expect(schedule).toMatchObject({ id: "job-dst-spring", status: "active", nextRunAt: "2027-03-14T11:00:00.000Z" });

    scheduleClock.now = at("2027-03-14T10:59:00Z");
    await runDurableObjectAlarm(agent("emp-daniel"));
    expect(scheduledPrompts()).toEqual([]);

    scheduleClock.now = at("2027-03-14T11:00:05Z");
    await runDurableObjectAlarm(agent("emp-daniel"));
    expect(scheduledPrompts()).toEqual(["Remind me to check my email"]);
    expect((await agent("emp-daniel").schedules())[0]).toMatchObject({ nextRunAt: "2027-03-15T11:00:00.000Z", lastRunAt: "2027-03-14T11:00:05.000Z" });
    expect(await auditOf("emp-daniel", "schedule.created")).toHaveLength(1);
    expect(await auditOf("emp-daniel", "schedule.run")).toHaveLength(1);
  });

  it("moves to 12:00 UTC when DST ends in the autumn", async () => {
    agentSchedules([cronAt7("job-dst-autumn")]);
    scheduleClock.now = at("2027-11-06T12:00:00Z"); // Saturday 08:00 EDT
    await setUp("emp-nathan");
    // Sunday 7 November 2027: clocks went back at 02:00, so 07:00 EST is 12:00 UTC.
    expect((await agent("emp-nathan").schedules())[0]?.nextRunAt).toBe("2027-11-07T12:00:00.000Z");
  });

  it("runs a due schedule once however often the alarm is retried, and collapses missed runs into one", async () => {
    agentSchedules([cronAt7("job-retry")]);
    scheduleClock.now = at("2027-03-13T13:00:00Z");
    await setUp("emp-chris");
    // Down for three days: the runs of the 14th, 15th and 16th were missed; one run now.
    scheduleClock.now = at("2027-03-16T15:00:00Z");
    await runDurableObjectAlarm(agent("emp-chris"));
    const firstDue = Date.parse("2027-03-14T11:00:00Z");
    // The first run was evicted after enqueuing but before the schedule advanced: the retry sees the same due time.
    await runInDurableObject(agent("emp-chris"), (_instance, state) => state.storage.sql.exec("UPDATE schedules SET next_due_ms = ?", firstDue));
    await rerunAlarm("emp-chris");
    await rerunAlarm("emp-chris");
    expect(scheduledPrompts()).toEqual(["Remind me to check my email"]);
    expect((await agent("emp-chris").schedules())[0]?.nextRunAt).toBe("2027-03-17T11:00:00.000Z");
  });

  it("puts the run's reply in the portal inbox, unread until marked read", async () => {
    agentSchedules([cronAt7("job-inbox")]);
    scheduleClock.now = at("2027-03-13T13:00:00Z");
    await setUp("emp-lisa");
    scheduleClock.now = at("2027-03-14T11:00:00Z");
    await runDurableObjectAlarm(agent("emp-lisa"));
    const inbox = await agent("emp-lisa").inbox();
    expect(inbox).toMatchObject({ unread: 1, items: [{ scheduleId: "job-inbox", title: "Morning email", text: "done: Remind me to check my email", readAt: null }] });
    expect(await agent("emp-lisa").markInboxRead(inbox.items[0]!.id)).toBe(true);
    expect((await agent("emp-lisa").inbox()).unread).toBe(0);
  });

  it("a run whose agent has nothing to say (NO_REPLY, or OpenClaw's placeholder for it) is recorded but neither sent nor put in the inbox", async () => {
    agentSchedules([cronAt7("job-silent")]);
    const silent = ["NO_REPLY", "No response from OpenClaw."];
    runtime.respond = (request: InvocationRequest) =>
      json(echoResult(request, request.message.startsWith("set up") ? { schedules: [cronAt7("job-silent")] } : { reply: silent.shift() ?? "It's 07:00: check your email." }));
    scheduleClock.now = at("2027-03-13T13:00:00Z");
    await setUp("emp-sophie");
    for (const day of ["2027-03-14", "2027-03-15", "2027-03-16"]) {
      scheduleClock.now = at(`${day}T11:00:00Z`);
      await runDurableObjectAlarm(agent("emp-sophie"));
    }
    expect(scheduledPrompts()).toHaveLength(3);
    expect(await auditOf("emp-sophie", "schedule.run")).toHaveLength(3);
    // Only the third run said something.
    expect((await agent("emp-sophie").inbox()).items.map((item) => item.text)).toEqual(["It's 07:00: check your email."]);
  });

  it("does not fire a paused schedule, and resuming skips what was missed", async () => {
    agentSchedules([cronAt7("job-paused")]);
    scheduleClock.now = at("2027-03-13T13:00:00Z");
    await setUp("emp-mike");
    expect(await agent("emp-mike").setSchedulePaused("job-paused", true, "emp-mike")).toMatchObject({ status: "paused" });
    scheduleClock.now = at("2027-03-14T11:30:00Z");
    await rerunAlarm("emp-mike");
    expect(scheduledPrompts()).toEqual([]);
    expect(await agent("emp-mike").setSchedulePaused("job-paused", false, "emp-mike")).toMatchObject({ status: "active", nextRunAt: "2027-03-15T11:00:00.000Z" });
    expect(await auditOf("emp-mike", "schedule.paused")).toHaveLength(1);
    expect(await auditOf("emp-mike", "schedule.resumed")).toHaveLength(1);
  });

  it("rejects an invalid cron expression, an unknown time zone and an interval under 5 minutes, with reasons", async () => {
    agentSchedules([
      { op: "upsert", schedule: { id: "bad-expr", name: "", prompt: "x", timing: { kind: "cron", expr: "61 * * * *", tz: "UTC" }, enabled: true } },
      { op: "upsert", schedule: { id: "bad-tz", name: "", prompt: "x", timing: { kind: "cron", expr: "0 7 * * *", tz: "Mars/Base" }, enabled: true } },
      { op: "upsert", schedule: { id: "too-often", name: "", prompt: "x", timing: { kind: "every", everyMs: 60_000 }, enabled: true } },
      { op: "upsert", schedule: { id: "cron-too-often", name: "", prompt: "x", timing: { kind: "cron", expr: "*/2 * * * *", tz: "UTC" }, enabled: true } },
      { op: "upsert", schedule: { id: "fine", name: "", prompt: "x", timing: { kind: "every", everyMs: 300_000 }, enabled: true } },
    ]);
    scheduleClock.now = at("2027-03-13T13:00:00Z");
    await setUp("emp-sarah");
    expect((await agent("emp-sarah").schedules()).map((s) => s.id)).toEqual(["fine"]);
    const reasons = (await auditOf("emp-sarah", "schedule.rejected")).map((r) => JSON.parse(r.detail) as { scheduleId: string; reason: string });
    expect(Object.fromEntries(reasons.map((r) => [r.scheduleId, r.reason]))).toEqual({
      "bad-expr": expect.stringContaining("Invalid value for minute"),
      "bad-tz": expect.stringContaining("unknown time zone"),
      "too-often": expect.stringContaining("minimum of 5 minutes"),
      "cron-too-often": expect.stringContaining("more often than every 5 minutes"),
    });
  });
});

import type { ScheduleChange } from "@clawgate/contracts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { scheduleClock } from "../../durable-objects/src/schedules/clock.ts";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { client, signInAs } from "./org-client.ts";
import { agentCreatesSchedules, auditOf, fireMorningRun, morningEmail, pairTelegram } from "./schedules-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { fakeTelegram, type FakeTelegram } from "./telegram-fake.ts";

/**
 * The portal and admin schedule routes and the delivery of scheduled replies, through the real
 * Worker, EmployeeAgent and D1; the agent runtime and the Telegram Bot API are faked at the fetch boundary.
 */
let runtime: FakeRuntime;
let telegram: FakeTelegram | null = null;
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);
const agentCreates = (employeeId: string, changes: ScheduleChange[]) => agentCreatesSchedules(runtime, employeeId, changes);

describe("schedules and the inbox in the portal", () => {
  let sarah: ReturnType<typeof client>;
  let carol: ReturnType<typeof client>;
  let mike: ReturnType<typeof client>;

  beforeAll(async () => {
    await seedAcme();
    sarah = client(await signInAs("emp-sarah"));
    carol = client(await signInAs("emp-carol"));
    mike = client(await signInAs("emp-mike"));
  });
  afterEach(() => {
    telegram?.restore();
    telegram = null;
    runtime?.restore();
    scheduleClock.now = () => Date.now();
  });

  it("lists, pauses, resumes and deletes the caller's own schedules; another employee's id is 404", async () => {
    runtime = fakeRuntime();
    await agentCreates("emp-sarah", [morningEmail("sarah-email"), morningEmail("sarah-spare")]);
    await agentCreates("emp-carol", [morningEmail("carol-email")]);

    const listed = await sarah.get("/api/portal/schedules");
    expect(listed.status).toBe(200);
    expect(listed.body.schedules.map((s: { id: string }) => s.id)).toEqual(["sarah-email", "sarah-spare"]);
    expect(listed.body.schedules[0]).toMatchObject({ employeeId: "emp-sarah", status: "active", nextRunAt: "2027-03-14T11:00:00.000Z" });

    expect(await sarah.post("/api/portal/schedules/sarah-email/pause", {})).toMatchObject({ status: 200, body: { id: "sarah-email", status: "paused" } });
    expect(await sarah.post("/api/portal/schedules/sarah-email/resume", {})).toMatchObject({ status: 200, body: { id: "sarah-email", status: "active" } });
    expect((await sarah.delete("/api/portal/schedules/sarah-spare")).status).toBe(204);
    expect((await sarah.get("/api/portal/schedules")).body.schedules.map((s: { id: string }) => s.id)).toEqual(["sarah-email"]);
    expect((await sarah.delete("/api/portal/schedules/sarah-spare")).status).toBe(404);

    // Carol's schedule id means nothing in Sarah's agent: 404 on every route, and Carol's stays active.
    expect((await sarah.post("/api/portal/schedules/carol-email/pause", {})).status).toBe(404);
    expect((await sarah.post("/api/portal/schedules/carol-email/resume", {})).status).toBe(404);
    expect((await sarah.delete("/api/portal/schedules/carol-email")).status).toBe(404);
    expect((await carol.get("/api/portal/schedules")).body.schedules).toMatchObject([{ id: "carol-email", status: "active" }]);

    expect((await auditOf("emp-sarah", "schedule.paused")).map((a) => a.actor)).toEqual(["emp-sarah"]);
    expect((await auditOf("emp-sarah", "schedule.resumed")).map((a) => a.actor)).toEqual(["emp-sarah"]);
    expect(await auditOf("emp-sarah", "schedule.deleted")).toMatchObject([{ actor: "emp-sarah", detail: { scheduleId: "sarah-spare", by: "employee" } }]);
    expect(await auditOf("emp-carol", "schedule.paused")).toEqual([]);
  });

  it("shows an employee's schedules to a manager of their department and hides those of anyone outside it", async () => {
    runtime = fakeRuntime();
    await agentCreates("emp-sarah", [morningEmail("sarah-admin-view")]);
    const inScope = await mike.get("/api/admin/schedules?employeeId=emp-sarah");
    expect(inScope.status).toBe(200);
    expect(inScope.body.employeeId).toBe("emp-sarah");
    expect(inScope.body.schedules.map((s: { id: string }) => s.id)).toContain("sarah-admin-view");
    expect((await mike.get("/api/admin/schedules?employeeId=emp-carol")).status).toBe(404);
    expect((await mike.get("/api/admin/schedules?employeeId=emp-nobody")).status).toBe(404);
    expect((await mike.get("/api/admin/schedules")).status).toBe(400);
  });

  it("puts the run's reply in the inbox of an employee without a paired channel, unread until marked read", async () => {
    runtime = fakeRuntime();
    telegram = fakeTelegram();
    await agentCreates("emp-lisa", [morningEmail("lisa-email")]);
    await fireMorningRun("emp-lisa");
    expect(telegram.calls).toEqual([]);

    const lisa = client(await signInAs("emp-lisa"));
    const inbox = await lisa.get("/api/portal/inbox");
    expect(inbox.status).toBe(200);
    expect(inbox.body).toMatchObject({ unread: 1, items: [{ scheduleId: "lisa-email", title: "Morning email", text: "done: Remind me to check my email", readAt: null, deliveryError: null }] });
    const itemId = inbox.body.items[0].id as string;

    expect((await sarah.post(`/api/portal/inbox/${itemId}/read`, {})).status).toBe(404);
    expect((await lisa.post(`/api/portal/inbox/${itemId}/read`, {})).status).toBe(204);
    expect((await lisa.post(`/api/portal/inbox/${itemId}/read`, {})).status).toBe(204);
    expect((await lisa.get("/api/portal/inbox")).body).toMatchObject({ unread: 0, items: [{ id: itemId, readAt: expect.any(String) }] });
    expect((await lisa.post("/api/portal/inbox/no-such-item/read", {})).status).toBe(404);
    expect((await lisa.get("/api/portal/inbox?limit=0")).status).toBe(400);
  });

  it("sends the run's reply to the employee's most recently active Telegram account, not to the inbox", async () => {
    runtime = fakeRuntime();
    telegram = fakeTelegram();
    await pairTelegram("emp-daniel", 7101, "2027-02-01T00:00:00Z");
    await pairTelegram("emp-daniel", 7102, "2027-03-01T00:00:00Z");
    await agentCreates("emp-daniel", [morningEmail("daniel-email")]);
    await fireMorningRun("emp-daniel");

    expect(telegram.sentTo(7102)).toEqual(["⏰ Morning email\n\ndone: Remind me to check my email"]);
    expect(telegram.sentTo(7101)).toEqual([]);
    expect(await agent("emp-daniel").inbox()).toEqual({ items: [], unread: 0 });
    expect(await auditOf("emp-daniel", "schedule.delivery_failed")).toEqual([]);
  });
});

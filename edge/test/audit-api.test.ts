import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES, auditTypesIn, type AuditEvent } from "@clawgate/contracts";
import { insertEvents } from "./audit-fixtures.ts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/**
 * The audit list: filters, scope and cursor pagination. Fixture events live in 2021 so the
 * sign-ins of the tests themselves (written now) never land in a filtered window.
 */
type Client = ReturnType<typeof client>;
let admin: Client;
let mike: Client;
let sarah: Client;

const WINDOW = "from=2021-01-01&to=2022-01-01";

async function all(c: Client, query: string, limit = 500): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const res = await c.get(`/api/admin/audit?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    events.push(...res.body.events);
    cursor = res.body.nextCursor;
  } while (cursor);
  return events;
}

describe("audit API", () => {
  beforeAll(async () => {
    await seedAcme();
    await insertEvents({ count: 30, prefix: "den-sarah", type: "agent.tool_denied", actor: "emp-sarah", employeeId: "emp-sarah", start: "2021-03-01T00:00:00.000Z", detail: { tool: "exec" } });
    await insertEvents({ count: 20, prefix: "den-carol", type: "agent.tool_denied", actor: "emp-carol", employeeId: "emp-carol", start: "2021-03-01T00:00:30.000Z", detail: { tool: "exec" } });
    await insertEvents({ count: 10, prefix: "login-carol", type: "auth.login", actor: "emp-carol", employeeId: "emp-carol", start: "2021-05-01T00:00:00.000Z", detail: { method: "password" } });
    await insertEvents({ count: 5, prefix: "org", type: "org.department_created", actor: "emp-jiade", employeeId: null, start: "2021-06-01T00:00:00.000Z" });
    // Same instant for every event: the id breaks ties, and pages must neither skip nor repeat.
    await insertEvents({ count: 12, prefix: "tie", type: "soul.changed", actor: "emp-jiade", employeeId: "emp-mike", start: "2021-07-01T00:00:00.000Z", stepMs: 0 });
    admin = client(await signInAs("emp-jiade"));
    mike = client(await signInAs("emp-mike"));
    sarah = client(await signInAs("emp-sarah"));
  });

  it("lists events newest first with their category, and pages through all of them with an opaque cursor", async () => {
    const first = await admin.get(`/api/admin/audit?${WINDOW}&limit=7`);
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(7);
    expect(first.body.events[0]).toMatchObject({ id: "tie-000011", type: "soul.changed", category: "soul_change", actor: "emp-jiade", employeeId: "emp-mike", detail: {} });
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const events = await all(admin, WINDOW, 7);
    expect(events).toHaveLength(77);
    expect(new Set(events.map((e) => e.id)).size).toBe(77);
    const keys = events.map((e) => `${e.at}|${e.id}`);
    expect(keys).toEqual(keys.toSorted().reverse());
  });

  it("filters by type, category, actor, employee and time range", async () => {
    expect(await all(admin, `${WINDOW}&type=auth.login`)).toHaveLength(10);
    expect((await all(admin, `${WINDOW}&category=permission_denial`)).every((e) => auditTypesIn("permission_denial").includes(e.type as never))).toBe(true);
    expect(await all(admin, `${WINDOW}&category=permission_denial`)).toHaveLength(50);
    expect(await all(admin, `${WINDOW}&actor=emp-carol`)).toHaveLength(30);
    expect(await all(admin, `${WINDOW}&employeeId=emp-carol&type=agent.tool_denied`)).toHaveLength(20);
    // 30 s after the start, Sarah's denials interleave with Carol's: from is inclusive, to exclusive.
    const range = await all(admin, "from=2021-03-01T00:00:10.000Z&to=2021-03-01T00:00:20.000Z");
    expect(range.map((e) => e.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `den-sarah-0000${String(10 + i).padStart(2, "0")}`));
  });

  it("keeps pages stable while new events are written", async () => {
    const before = await all(admin, `${WINDOW}&type=agent.tool_denied`);
    const first = await admin.get(`/api/admin/audit?${WINDOW}&type=agent.tool_denied&limit=15`);
    // Newer events, including some at the very instant of the page's last event.
    const last = first.body.events.at(-1) as AuditEvent;
    await insertEvents({ count: 5, prefix: "den-zzz", type: "agent.tool_denied", actor: "emp-sarah", employeeId: "emp-sarah", start: last.at, stepMs: 0 });
    await insertEvents({ count: 5, prefix: "den-late", type: "agent.tool_denied", actor: "emp-sarah", employeeId: "emp-sarah", start: "2021-12-31T00:00:00.000Z" });
    const rest: AuditEvent[] = [];
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await admin.get(`/api/admin/audit?${WINDOW}&type=agent.tool_denied&limit=15&cursor=${cursor}`);
      rest.push(...page.body.events);
      cursor = page.body.nextCursor;
    }
    expect([...first.body.events, ...rest].map((e: AuditEvent) => e.id)).toEqual(before.map((e) => e.id));
  });

  it("shows a manager only events about employees of his subtree", async () => {
    const events = await all(mike, WINDOW);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.employeeId))).toEqual(new Set(["emp-sarah", "emp-mike"]));
    // Out of scope, an employee filter reads like an unknown employee.
    expect((await mike.get(`/api/admin/audit?${WINDOW}&employeeId=emp-carol`)).status).toBe(404);
    expect((await mike.get(`/api/admin/audit?${WINDOW}&employeeId=emp-sarah`)).status).toBe(200);
  });

  it("refuses employees, bad filters and forged cursors", async () => {
    expect((await sarah.get("/api/admin/audit")).status).toBe(403);
    expect((await client(null).get("/api/admin/audit")).status).toBe(401);
    const badType = await admin.get("/api/admin/audit?type=agent.made_up");
    expect(badType.status).toBe(400);
    expect(badType.body.error.issues[0].path).toBe("type");
    expect((await admin.get("/api/admin/audit?from=yesterday")).status).toBe(400);
    const forged = await admin.get(`/api/admin/audit?cursor=${btoa("not json")}`);
    expect(forged.status).toBe(400);
    expect(forged.body.error.issues[0].path).toBe("cursor");
  });

  it("is append-only: no route changes an event, and the database refuses to", async () => {
    expect((await admin.patch("/api/admin/audit/tie-000001", { type: "x" })).status).toBe(404);
    expect((await admin.delete("/api/admin/audit/tie-000001")).status).toBe(404);
    await expect(testEnv.DB.prepare("UPDATE audit_events SET actor = 'someone' WHERE id = 'tie-000001'").run()).rejects.toThrow(/append-only/);
    await expect(testEnv.DB.prepare("DELETE FROM audit_events WHERE id = 'tie-000001'").run()).rejects.toThrow(/append-only/);
    const row = await testEnv.DB.prepare("SELECT actor FROM audit_events WHERE id = 'tie-000001'").first<{ actor: string }>();
    expect(row?.actor).toBe("emp-jiade");
  });

  it("knows every type the product writes, each in one of DESIGN §6's categories", async () => {
    // Every type the sign-ins of this file wrote is a known one.
    const written = await testEnv.DB.prepare("SELECT DISTINCT type FROM audit_events WHERE at > '2022'").all<{ type: string }>();
    expect(written.results.length).toBeGreaterThan(0);
    for (const { type } of written.results) expect(AUDIT_EVENT_TYPES).toContain(type);
    for (const category of ["invocation", "tool_call", "permission_denial", "guardrail_block", "soul_change", "config_change", "pairing", "login", "approval"] as const) {
      expect(auditTypesIn(category).length, category).toBeGreaterThan(0);
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "../src/auth/scope.ts";
import { auditExport } from "../src/governance/audit-export.ts";
import { insertEvents } from "./audit-fixtures.ts";
import { request, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** Exports of the audit trail: complete, scoped, well-formed, and streamed a page at a time. */
const WINDOW = "from=2022-01-01&to=2023-01-01";
const EVENTS = 10_000;
let adminCookie: string;

/** D1 with every statement counted: how many pages an export has fetched so far. */
function countingDb(db: D1Database): { db: D1Database; queries: () => number } {
  let queries = 0;
  const counted = new Proxy(db, {
    get(target, property) {
      if (property === "prepare") {
        return (sql: string) => {
          queries += 1;
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: counted, queries: () => queries };
}

async function exportText(query: string, cookie = adminCookie): Promise<{ status: number; type: string | null; disposition: string | null; text: string }> {
  const res = await request(`/api/admin/audit/export?${query}`, { headers: { cookie } });
  return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), text: new TextDecoder().decode(await res.arrayBuffer()) };
}

const lines = (text: string) => text.split(/\r?\n/).filter((line) => line.length > 0);

describe("audit export", () => {
  beforeAll(async () => {
    await seedAcme();
    await insertEvents({ count: EVENTS, prefix: "bulk", type: "agent.invocation", actor: "emp-ryan", employeeId: "emp-ryan", start: "2022-02-01T00:00:00.000Z", detail: { accessPath: "employee", model: "clawgate-offline", inputTokens: 100, outputTokens: 20 } });
    adminCookie = await signInAs("emp-jiade");
  });

  it("exports 10,000 events completely as JSON Lines, newest first", async () => {
    const res = await exportText(`${WINDOW}&format=jsonl`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/x-ndjson/);
    expect(res.disposition).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const events = lines(res.text).map((line) => JSON.parse(line) as { id: string; type: string; category: string; detail: Record<string, unknown> });
    expect(events).toHaveLength(EVENTS);
    expect(new Set(events.map((e) => e.id)).size).toBe(EVENTS);
    expect(events[0]).toMatchObject({ id: "bulk-009999", type: "agent.invocation", category: "invocation", detail: { model: "clawgate-offline" } });
    expect(events.at(-1)!.id).toBe("bulk-000000");
  });

  it("exports the same 10,000 events as CSV with one header row", async () => {
    const res = await exportText(`${WINDOW}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    const rows = lines(res.text);
    expect(rows).toHaveLength(EVENTS + 1);
    expect(rows[0]).toBe("id,at,type,category,actor,employee_id,detail");
    expect(rows[1]).toBe(`bulk-009999,${new Date(Date.parse("2022-02-01T00:00:00.000Z") + 9999_000).toISOString()},agent.invocation,invocation,emp-ryan,emp-ryan,"{""accessPath"":""employee"",""model"":""clawgate-offline"",""inputTokens"":100,""outputTokens"":20}"`);
  });

  it("streams: the first page arrives after one or two queries, and the whole export takes one query per page", async () => {
    const counting = countingDb(testEnv.DB);
    const scope = await scopeOf(testEnv.DB, { employeeId: "emp-jiade", role: "admin" });
    const stream = auditExport(counting.db, scope, { from: "2022-01-01T00:00:00.000Z", to: "2023-01-01T00:00:00.000Z" }, "jsonl", 100);
    const reader = stream.getReader();
    const decoder = new TextDecoder();

    const first = await reader.read();
    expect(lines(decoder.decode(first.value))).toHaveLength(100);
    // At most one page read ahead of the reader: nothing close to all 10,000 rows is loaded.
    expect(counting.queries()).toBeLessThanOrEqual(2);

    let received = 100;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += lines(decoder.decode(chunk.value)).length;
    expect(received).toBe(EVENTS);
    expect(counting.queries()).toBe(EVENTS / 100);
  });

  it("stops querying when the reader cancels", async () => {
    const counting = countingDb(testEnv.DB);
    const scope = await scopeOf(testEnv.DB, { employeeId: "emp-jiade", role: "admin" });
    const reader = auditExport(counting.db, scope, {}, "csv", 100).getReader();
    await reader.read();
    await reader.cancel();
    const after = counting.queries();
    expect(after).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(counting.queries()).toBe(after);
  });

  it("applies the filters and the caller's scope", async () => {
    await insertEvents({ count: 3, prefix: "sarah", type: "agent.tool_denied", actor: "emp-sarah", employeeId: "emp-sarah", start: "2022-06-01T00:00:00.000Z", detail: { tool: "exec" } });
    const mike = await signInAs("emp-mike");
    // Mike manages Enterprise Sales: Sarah's events, not Ryan's.
    const managerExport = lines((await exportText(`${WINDOW}&format=jsonl`, mike)).text).map((line) => JSON.parse(line) as { id: string });
    expect(managerExport.map((e) => e.id)).toEqual(["sarah-000002", "sarah-000001", "sarah-000000"]);
    expect(lines((await exportText(`${WINDOW}&format=jsonl&type=agent.tool_denied`)).text)).toHaveLength(3);
    expect((await exportText(`${WINDOW}&format=xml`)).status).toBe(400);
    expect((await exportText(`${WINDOW}`, await signInAs("emp-sarah"))).status).toBe(403);
  });

  it("quotes CSV cells and defuses spreadsheet formulas", async () => {
    await insertEvents({ count: 1, prefix: "csv", type: "auth.login_failed", actor: "=HYPERLINK(\"http://evil\")", employeeId: null, start: "2022-09-01T00:00:00.000Z", detail: { reason: "a, b\nc" } });
    const rows = (await exportText("from=2022-09-01&to=2022-09-02&format=csv")).text.split("\r\n");
    expect(rows[1]).toBe(`csv-000000,2022-09-01T00:00:00.000Z,auth.login_failed,login,"'=HYPERLINK(""http://evil"")",,"{""reason"":""a, b\\nc""}"`);
  });
});

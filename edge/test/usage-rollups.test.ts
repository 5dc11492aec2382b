import { beforeAll, describe, expect, it } from "vitest";
import type { UsageRow } from "@clawgate/contracts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** Usage & cost rollups over fixed usage rows in March 2032, and the portal's own view. */
type Client = ReturnType<typeof client>;
let admin: Client;
let mike: Client;
let row = 0;

async function usage(employeeId: string, at: string, costUsd: number | null, model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0") {
  row += 1;
  await testEnv.DB.prepare(
    `INSERT INTO usage (id, at, employee_id, turn_id, access_path, runtime_id, model, input_tokens, output_tokens, cost_usd, priced)
     VALUES (?, ?, ?, ?, 'employee', 'rt-standard', ?, 1000, 100, ?, ?)`,
  )
    .bind(`usage-${row}`, at, employeeId, `turn-rollup-${row}`, costUsd === null ? "acme-experimental" : model, costUsd, costUsd === null ? 0 : 1)
    .run();
}

const MARCH = "from=2032-03-01&to=2032-04-01";
const byKey = (rows: UsageRow[]) => Object.fromEntries(rows.map((r) => [r.key, r.costUsd]));

describe("usage rollups", () => {
  beforeAll(async () => {
    await seedAcme();
    await usage("emp-ryan", "2032-03-02T09:00:00.000Z", 1);
    await usage("emp-ryan", "2032-03-09T09:00:00.000Z", 2, "clawgate-offline");
    await usage("emp-sophie", "2032-03-02T10:00:00.000Z", 0.5);
    await usage("emp-nathan", "2032-03-15T10:00:00.000Z", 4);
    await usage("emp-sarah", "2032-03-03T10:00:00.000Z", 3);
    await usage("emp-sarah", "2032-03-04T10:00:00.000Z", null);
    await usage("emp-carol", "2032-03-20T10:00:00.000Z", 0.25);
    await usage("emp-tom", "2032-04-01T00:00:00.000Z", 10);
    admin = client(await signInAs("emp-jiade"));
    mike = client(await signInAs("emp-mike"));
  });

  it("totals a period exactly, keeping unpriced turns apart", async () => {
    const res = await admin.get(`/api/admin/usage?groupBy=month&${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ groupBy: "month", from: "2032-03-01T00:00:00.000Z", to: "2032-04-01T00:00:00.000Z" });
    expect(res.body.total).toEqual({ turns: 7, inputTokens: 7000, outputTokens: 700, costUsd: 10.75, unpricedTurns: 1 });
    expect(res.body.rows).toEqual([{ key: "2032-03", label: null, turns: 7, inputTokens: 7000, outputTokens: 700, costUsd: 10.75, unpricedTurns: 1 }]);
  });

  it("groups by employee, position and model, most expensive first", async () => {
    const employees = (await admin.get(`/api/admin/usage?groupBy=employee&${MARCH}`)).body.rows as UsageRow[];
    expect(employees.map((r) => [r.key, r.label, r.costUsd])).toEqual([
      ["emp-nathan", "Nathan Brooks", 4],
      ["emp-ryan", "Ryan Park", 3],
      ["emp-sarah", "Sarah Kim", 3],
      ["emp-sophie", "Sophie Turner", 0.5],
      ["emp-carol", "Carol Zhang", 0.25],
    ]);
    expect(employees.find((r) => r.key === "emp-sarah")).toMatchObject({ turns: 2, unpricedTurns: 1 });
    expect(byKey((await admin.get(`/api/admin/usage?groupBy=position&${MARCH}`)).body.rows)).toEqual({ "pos-sde": 7.5, "pos-ae": 3, "pos-fa": 0.25 });
    expect(byKey((await admin.get(`/api/admin/usage?groupBy=model&${MARCH}`)).body.rows)).toEqual({
      "us.anthropic.claude-sonnet-4-5-20250929-v1:0": 8.75,
      "clawgate-offline": 2,
      "acme-experimental": 0,
    });
  });

  it("groups by day and by week (weeks start on Monday), in time order", async () => {
    const days = (await admin.get(`/api/admin/usage?groupBy=day&${MARCH}`)).body.rows as UsageRow[];
    expect(days.map((r) => [r.key, r.costUsd])).toEqual([
      ["2032-03-02", 1.5],
      ["2032-03-03", 3],
      ["2032-03-04", 0],
      ["2032-03-09", 2],
      ["2032-03-15", 4],
      ["2032-03-20", 0.25],
    ]);
    expect(byKey((await admin.get(`/api/admin/usage?groupBy=week&${MARCH}`)).body.rows)).toEqual({ "2032-03-01": 4.5, "2032-03-08": 2, "2032-03-15": 4.25 });
  });

  it("rolls departments up over their subtree", async () => {
    const rows = (await admin.get(`/api/admin/usage?groupBy=department&${MARCH}`)).body.rows as UsageRow[];
    expect(byKey(rows)).toEqual({
      "dept-eng": 7.5,
      "dept-eng-frontend": 4,
      "dept-eng-backend": 3.5,
      "dept-sales": 3,
      "dept-sales-ent": 3,
      "dept-finance": 0.25,
    });
    expect(rows.find((r) => r.key === "dept-eng")).toMatchObject({ label: "Engineering", turns: 4 });
    // A department filter narrows any grouping to that subtree.
    const engineering = await admin.get(`/api/admin/usage?groupBy=employee&departmentId=dept-eng&${MARCH}`);
    expect(engineering.body.rows.map((r: UsageRow) => r.key)).toEqual(["emp-nathan", "emp-ryan", "emp-sophie"]);
    expect(engineering.body.total.costUsd).toBe(7.5);
  });

  it("shows a manager only his subtree", async () => {
    const rows = await mike.get(`/api/admin/usage?groupBy=employee&${MARCH}`);
    expect(rows.status).toBe(200);
    expect(rows.body.rows.map((r: UsageRow) => r.key)).toEqual(["emp-sarah"]);
    expect(rows.body.total).toMatchObject({ turns: 2, costUsd: 3, unpricedTurns: 1 });
    // His own department rolls up; Sales above him is not his to see.
    expect(byKey((await mike.get(`/api/admin/usage?groupBy=department&${MARCH}`)).body.rows)).toEqual({ "dept-sales-ent": 3 });
    expect((await mike.get(`/api/admin/usage?groupBy=model&departmentId=dept-eng&${MARCH}`)).status).toBe(404);
    expect((await mike.get(`/api/admin/usage?groupBy=model&employeeId=emp-carol&${MARCH}`)).status).toBe(404);
  });

  it("rejects bad queries", async () => {
    expect((await admin.get(`/api/admin/usage?${MARCH}`)).status).toBe(400);
    expect((await admin.get(`/api/admin/usage?groupBy=quarter&${MARCH}`)).status).toBe(400);
    const backwards = await admin.get("/api/admin/usage?groupBy=day&from=2032-04-01&to=2032-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues[0].path).toBe("to");
    expect((await client(await signInAs("emp-sarah")).get(`/api/admin/usage?groupBy=day&${MARCH}`)).status).toBe(403);
  });
});

describe("portal usage", () => {
  it("shows the caller their own month: totals, by day, by model, and their budget", async () => {
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    await usage("emp-daniel", monthStart, 1.5);
    await usage("emp-daniel", monthStart, null);
    await usage("emp-marcus", monthStart, 9);
    const created = await admin.post("/api/admin/budgets", { scope: "employee", scopeId: "emp-daniel", monthlyLimitUsd: 1.8 });
    expect(created.status).toBe(201);

    const daniel = await client(await signInAs("emp-daniel")).get("/api/portal/usage");
    expect(daniel.status).toBe(200);
    expect(daniel.body).toMatchObject({
      month: monthStart.slice(0, 7),
      total: { turns: 2, costUsd: 1.5, unpricedTurns: 1 },
      byDay: [{ key: monthStart.slice(0, 10), turns: 2, costUsd: 1.5 }],
      budget: { level: "employee", limitUsd: 1.8, spentUsd: 1.5, warn: true, exceeded: false, refuseTurns: false },
    });
    expect(byKey(daniel.body.byModel)).toEqual({ "us.anthropic.claude-sonnet-4-5-20250929-v1:0": 1.5, "acme-experimental": 0 });
    expect((await client(null).get("/api/portal/usage")).status).toBe(401);
  });
});

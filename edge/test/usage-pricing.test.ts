import { beforeAll, describe, expect, it } from "vitest";
import type { InvocationResult } from "@clawgate/contracts";
import { accountingStatements } from "../../durable-objects/src/turn/persist.ts";
import { auditEvents, client, request, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** The editable price table, and turns priced when written at the price then in force. */
/** A signed-in client that can also PUT. */
function clientOf(cookie: string) {
  const put = async (path: string, body: unknown) => {
    const res = await request(path, { method: "PUT", headers: { cookie, accept: "application/json", "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { ...client(cookie), put };
}
type Client = ReturnType<typeof clientOf>;
let admin: Client;
let mike: Client;
let turn = 0;

const SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

/** Writes one turn's accounting exactly as the EmployeeAgent does, and returns its usage row. */
async function bill(model: string, inputTokens: number, outputTokens: number) {
  turn += 1;
  const turnId = `turn-price-${turn}`;
  const result: InvocationResult = { status: "ok", reply: "ok", usage: { inputTokens, outputTokens, model }, toolEvents: [], memoryChanges: [], schedules: [] };
  await testEnv.DB.batch(accountingStatements(testEnv.DB, { employeeId: "emp-ryan", turnId, accessPath: "employee", runtimeId: "rt-standard", result, durationMs: 5, at: new Date().toISOString() }));
  return testEnv.DB.prepare("SELECT cost_usd, priced, price_id FROM usage WHERE turn_id = ?").bind(turnId).first<{ cost_usd: number | null; priced: number; price_id: string | null }>();
}

async function resolved(model: string): Promise<string | null> {
  const res = await admin.get(`/api/admin/pricing?model=${encodeURIComponent(model)}`);
  expect(res.status).toBe(200);
  return res.body.resolved.priceId;
}

describe("model pricing", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = clientOf(await signInAs("emp-jiade"));
    mike = clientOf(await signInAs("emp-mike"));
  });

  it("lists the seeded prices and prices each known model id by its own family, never another's", async () => {
    const list = await admin.get("/api/admin/pricing");
    expect(list.status).toBe(200);
    expect(list.body.prices.find((p: { id: string }) => p.id === "claude-opus")).toMatchObject({ name: "Claude Opus", inputUsdPerMTok: 15, outputUsdPerMTok: 75, updatedBy: "system" });
    const expected: Record<string, string | null> = {
      "clawgate-offline": "clawgate-offline",
      "us.amazon.nova-2-lite-v1:0": "nova-2-lite",
      "us.amazon.nova-pro-v1:0": "nova-pro",
      [SONNET]: "claude-sonnet-4-5",
      "us.anthropic.claude-sonnet-4-6": "claude-sonnet-4-6",
      "us.anthropic.claude-opus-4-1-20250805-v1:0": "claude-opus",
      "global.anthropic.claude-opus-4-5-20251101-v1:0": "claude-opus",
      "us.anthropic.claude-haiku-4-5-20251001-v1:0": "claude-haiku-4-5",
      "us.deepseek.r1-v1:0": "deepseek-r1",
      "us.meta.llama3-3-70b-instruct-v1:0": "llama-3-3-70b",
      "llama-3.3-70b-instruct": "llama-3-3-70b",
      "moonshotai.kimi-k2.5": "kimi-k2-5",
      // Look-alikes of priced models are unknown, not priced as their neighbour.
      "us.anthropic.claude-sonnet-4-20250514-v1:0": null,
      "us.amazon.nova-lite-v1:0": null,
      "gpt-4o": null,
    };
    for (const [model, priceId] of Object.entries(expected)) expect(await resolved(model), model).toBe(priceId);
  });

  it("bills a turn at the price in force when it is written, and an unknown model as unknown", async () => {
    expect(await bill(SONNET, 1_000_000, 100_000)).toEqual({ cost_usd: 4.5, priced: 1, price_id: "claude-sonnet-4-5" });
    expect(await bill("clawgate-offline", 5000, 500)).toEqual({ cost_usd: 0, priced: 1, price_id: "clawgate-offline" });
    expect(await bill("acme-experimental-7b", 1000, 1000)).toEqual({ cost_usd: null, priced: 0, price_id: null });
  });

  it("applies an admin's price change to later turns only, and audits it as a config change", async () => {
    const before = await bill(SONNET, 1_000_000, 0);
    const res = await admin.put("/api/admin/pricing/claude-sonnet-4-5", { name: "Claude Sonnet 4.5", pattern: "*claude-sonnet-4[-.]5*", inputUsdPerMTok: 6, outputUsdPerMTok: 30 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: "claude-sonnet-4-5", inputUsdPerMTok: 6, outputUsdPerMTok: 30, updatedBy: "emp-jiade" });
    expect(await bill(SONNET, 1_000_000, 0)).toMatchObject({ cost_usd: 6, price_id: "claude-sonnet-4-5" });
    const kept = await testEnv.DB.prepare("SELECT cost_usd FROM usage WHERE turn_id = ?").bind(`turn-price-${turn - 1}`).first<{ cost_usd: number }>();
    expect(kept?.cost_usd).toBe(before?.cost_usd);
    expect(before?.cost_usd).toBe(3);

    const [changed] = (await auditEvents("config.changed")).filter((e) => e.detail.priceId === "claude-sonnet-4-5");
    expect(changed).toMatchObject({
      actor: "emp-jiade",
      detail: { area: "pricing", from: { inputUsdPerMTok: 3, outputUsdPerMTok: 15 }, to: { inputUsdPerMTok: 6, outputUsdPerMTok: 30 } },
    });
  });

  it("prices a model once an admin adds a price for it, and forgets it when the price is deleted", async () => {
    expect((await bill("acme-experimental-7b", 1_000_000, 0))?.priced).toBe(0);
    const created = await admin.put("/api/admin/pricing/acme-experimental", { name: "ACME experimental", pattern: "acme-experimental-*", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.2 });
    expect(created.status).toBe(200);
    const priced = await bill("acme-experimental-7b", 1_000_000, 1_000_000);
    expect(priced).toMatchObject({ priced: 1, price_id: "acme-experimental" });
    expect(priced?.cost_usd).toBeCloseTo(0.3, 12);

    expect((await admin.delete("/api/admin/pricing/acme-experimental")).status).toBe(200);
    expect(await bill("acme-experimental-7b", 1000, 0)).toEqual({ cost_usd: null, priced: 0, price_id: null });
    expect((await admin.delete("/api/admin/pricing/acme-experimental")).status).toBe(404);
    expect((await auditEvents("config.changed")).filter((e) => e.detail.priceId === "acme-experimental").map((e) => e.detail.to === null)).toEqual([false, true]);
  });

  it("refuses patterns that could price any model, bad prices and duplicates, changing nothing", async () => {
    const price = { name: "Catch-all", inputUsdPerMTok: 1, outputUsdPerMTok: 1 };
    for (const pattern of ["*", "*a*", "?????????", "[a-z]*", "*GPT-4O*", "gpt 4o"]) {
      const res = await admin.put("/api/admin/pricing/catch-all", { ...price, pattern });
      expect(res.status, pattern).toBe(400);
      expect(res.body.error.issues[0].path).toBe("pattern");
    }
    expect((await admin.put("/api/admin/pricing/catch-all", { ...price, pattern: "gpt-4o*", inputUsdPerMTok: -1 })).status).toBe(400);
    expect((await admin.put("/api/admin/pricing/Bad_Id", { ...price, pattern: "gpt-4o*" })).status).toBe(400);
    const duplicate = await admin.put("/api/admin/pricing/opus-again", { ...price, pattern: "*claude-opus*" });
    expect(duplicate.status).toBe(409);
    const ids = (await admin.get("/api/admin/pricing")).body.prices.map((p: { id: string }) => p.id);
    expect(ids).not.toContain("catch-all");
    expect(ids).not.toContain("opus-again");
  });

  it("lets managers read prices but not change them", async () => {
    expect((await mike.get("/api/admin/pricing")).status).toBe(200);
    const res = await mike.put("/api/admin/pricing/nova-pro", { name: "Nova Pro", pattern: "*nova-pro*", inputUsdPerMTok: 0, outputUsdPerMTok: 0 });
    expect(res.status).toBe(403);
    expect((await mike.delete("/api/admin/pricing/nova-pro")).status).toBe(403);
    expect(await resolved("us.amazon.nova-pro-v1:0")).toBe("nova-pro");
  });
});

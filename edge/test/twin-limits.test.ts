import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TWIN_MESSAGE_MAX } from "@clawgate/contracts";
import { MAX_PENDING_TWIN_TURNS } from "@clawgate/durable-objects";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { TWIN_LIMITS, twinBuckets, windowStart } from "../src/twin/rate-limit.ts";
import { twinTokenHash } from "../src/twin/token.ts";
import { visitorKey } from "../src/twin/visitor.ts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { tokenOf, twinChat } from "./twin-fixtures.ts";

/** The twin's abuse limits: message length, per-visitor / per-address / per-twin rates, and its share of the queue. */
let runtime: FakeRuntime;

async function freshTwin(employeeId: string): Promise<string> {
  const owner = client(await signInAs(employeeId));
  await owner.delete("/api/portal/twin");
  return tokenOf((await owner.post("/api/portal/twin", {})).body.url);
}

/** Fills a bucket to its limit for the current window, as that many earlier messages would have. */
async function fill(bucket: string, hits: number) {
  await testEnv.DB.prepare("INSERT INTO twin_rate_hits (bucket, window_start, hits) VALUES (?, ?, ?) ON CONFLICT (bucket, window_start) DO UPDATE SET hits = excluded.hits")
    .bind(bucket, windowStart(Date.now()), hits)
    .run();
}

const turnCount = async (employeeId: string) =>
  (await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM usage WHERE employee_id = ?").bind(employeeId).first<{ n: number }>())!.n;

describe("twin abuse limits", () => {
  beforeAll(seedAcme);
  afterEach(() => runtime?.restore());

  it("rejects a message over the length cap with 400, before any turn", async () => {
    runtime = fakeRuntime();
    const token = await freshTwin("emp-carol");
    const res = await twinChat(token, "x".repeat(TWIN_MESSAGE_MAX + 1));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(`at most ${TWIN_MESSAGE_MAX}`);
    expect(runtime.invocations).toHaveLength(0);
  });

  it("answers 429 with Retry-After once a visitor used up the window, and runs no turn", async () => {
    runtime = fakeRuntime();
    runtime.respond = (req) => json(echoResult(req));
    const token = await freshTwin("emp-tony");
    const hash = await twinTokenHash(token);
    // The visitor key is what the route derives from the id the client sends (no cookie, no address in tests).
    const visitor = await visitorKey({ req: { raw: new Request("https://x"), header: () => undefined } } as never, hash, "visitor-limited", "unknown");
    await fill(twinBuckets(hash, visitor, "unknown").visitor, TWIN_LIMITS.visitor);
    const res = await twinChat(token, "one more", { visitorId: "visitor-limited" });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(runtime.invocations).toHaveLength(0);
    // Another visitor of the same twin from another address is not affected.
    const other = await twinChat(token, "hello", { visitorId: "visitor-other1", headers: { "cf-connecting-ip": "198.51.100.7" } });
    expect(other.status).toBe(200);
  });

  it("limits the twin as a whole, whoever the visitors are", async () => {
    runtime = fakeRuntime();
    const token = await freshTwin("emp-lisa");
    await fill(twinBuckets(await twinTokenHash(token), "-", "-").twin, TWIN_LIMITS.twin);
    const res = await twinChat(token, "hi", { visitorId: "visitor-new-one", headers: { "cf-connecting-ip": "203.0.113.9" } });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(runtime.invocations).toHaveLength(0);
  });

  it("caps the twin's pending turns so visitors cannot fill the employee's queue, and counts twin turns as the employee's usage", async () => {
    runtime = fakeRuntime();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    runtime.respond = async (req) => {
      await gate;
      return json(echoResult(req));
    };
    const token = await freshTwin("emp-rachel");
    const before = await turnCount("emp-rachel");
    const waiting = Array.from({ length: MAX_PENDING_TWIN_TURNS }, (_, i) =>
      twinChat(token, `visitor ${i}`, { visitorId: `visitor-queue-${i}`, headers: { "cf-connecting-ip": `192.0.2.${i + 1}` } }),
    );
    // Wait until every one of them is in the agent's mailbox, as its owner sees it.
    const owner = client(await signInAs("emp-rachel"));
    const pending = async () => (await owner.get("/api/portal/twin/conversations")).body.conversations.length;
    while ((await pending()) < MAX_PENDING_TWIN_TURNS) await new Promise((r) => setTimeout(r, 10));
    const refused = await twinChat(token, "one too many", { visitorId: "visitor-queue-x", headers: { "cf-connecting-ip": "192.0.2.99" } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    release();
    expect((await Promise.all(waiting)).map((r) => r.status)).toEqual(Array(MAX_PENDING_TWIN_TURNS).fill(200));
    // The employee's own turn is still served once the twin's are done.
    expect((await owner.post("/api/portal/chat", { message: "mine" })).status).toBe(200);
    expect(await turnCount("emp-rachel")).toBe(before + MAX_PENDING_TWIN_TURNS + 1);
  });
});

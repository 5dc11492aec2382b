import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readSse, type SseEvent } from "@clawgate/contracts";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { auditEvents, client, request, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { tokenOf, twinChat } from "./twin-fixtures.ts";

/**
 * The digital twin's link, end to end through the real Worker, D1 and EmployeeAgent; the agent
 * runtime is faked at the fetch boundary.
 */
let runtime: FakeRuntime;

describe("digital twin link", () => {
  let sarah: ReturnType<typeof client>;

  beforeAll(async () => {
    await seedAcme();
    sarah = client(await signInAs("emp-sarah"));
  });
  afterEach(() => runtime?.restore());

  it("on: the page opens without a login and introduces the employee's AI assistant", async () => {
    const on = await sarah.post("/api/portal/twin", {});
    expect(on.status).toBe(201);
    expect(on.body).toMatchObject({ enabled: true, views: 0, chats: 0 });
    const token = tokenOf(on.body.url);
    // 256 random bits, base64url; only the hash is stored.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await testEnv.DB.prepare("SELECT token_sha256 FROM twins WHERE employee_id = 'emp-sarah'").first<{ token_sha256: string }>();
    expect(stored?.token_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await testEnv.DB.prepare("SELECT * FROM twins").all())).not.toContain(token);

    const page = await request(`/twin/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]+'/);
    expect(page.headers.get("set-cookie")).toMatch(/^clawgate_twin_visitor=[A-Za-z0-9_-]+;.*HttpOnly/);
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Sarah Kim's AI assistant");
    expect(html).toContain('<label for="message">');
    // Nothing is loaded from elsewhere.
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect((await sarah.get("/api/portal/twin")).body).toMatchObject({ enabled: true, views: 1 });
  });

  it("on: a visitor chats through SSE and JSON, in a twin turn of the employee's agent", async () => {
    runtime = fakeRuntime();
    runtime.respond = (req) => json(echoResult(req));
    await sarah.delete("/api/portal/twin");
    const token = tokenOf((await sarah.post("/api/portal/twin", {})).body.url);

    const res = await twinChat(token, "What does Sarah work on?", { accept: "text/event-stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events: SseEvent[] = [];
    for await (const event of readSse(res.body!)) events.push(event);
    expect(events.at(-1)).toMatchObject({ event: "result" });
    expect(JSON.parse(String(events.at(-1)!.data))).toMatchObject({ reply: "echo: What does Sarah work on?" });

    const asJson = await twinChat(token, "And her team?");
    expect(asJson.status).toBe(200);
    expect((await asJson.json()) as object).toMatchObject({ reply: "echo: And her team?" });

    const plans = runtime.invocations.map((i) => runtime.planOf(i)!);
    expect(plans.map((p) => p.accessPath)).toEqual(["twin", "twin"]);
    expect(plans[0]!.sessionContext).toContain("digital twin");
    expect(plans[0]!.identity.employeeId).toBe("emp-sarah");
    expect((await sarah.get("/api/portal/twin")).body).toMatchObject({ enabled: true, chats: 2 });
    // The employee's own transcript stays theirs; the twin's conversations are read apart.
    expect((await sarah.get("/api/portal/transcript")).body.entries.map((e: { message: string }) => e.message)).not.toContain("And her team?");
  });

  it("separates visitors: each gets a session of their own, and the employee reads them per visitor", async () => {
    runtime = fakeRuntime();
    runtime.respond = (req) => json(echoResult(req));
    const token = tokenOf((await sarah.post("/api/portal/twin/regenerate", {})).body.url);
    await twinChat(token, "first visitor here", { visitorId: "visitor-aaaaaaaa" });
    await twinChat(token, "second visitor here", { visitorId: "visitor-bbbbbbbb" });
    await twinChat(token, "first visitor again", { visitorId: "visitor-aaaaaaaa" });
    const [a1, b1, a2] = runtime.invocations.map((i) => i.sessionId);
    expect(a1).toBe(a2);
    expect(b1).not.toBe(a1);

    const { conversations } = (await sarah.get("/api/portal/twin/conversations")).body;
    const mine = conversations.filter((c: { exchanges: { message: string }[] }) => c.exchanges.some((e) => e.message.includes("visitor")));
    expect(mine.map((c: { exchanges: { message: string; reply: string }[] }) => c.exchanges.map((e) => e.message))).toEqual([
      ["first visitor here", "first visitor again"],
      ["second visitor here"],
    ]);
    expect(mine[0].exchanges[0].reply).toBe("echo: first visitor here");
    // Visitors are pseudonymous hashes, never an id or address they sent.
    expect(JSON.stringify(conversations)).not.toContain("visitor-aaaaaaaa");
  });

  it("off: the link answers 404 on the very next request, page and chat", async () => {
    const token = tokenOf((await sarah.post("/api/portal/twin/regenerate", {})).body.url);
    expect((await request(`/twin/${token}`)).status).toBe(200);
    const off = await sarah.delete("/api/portal/twin");
    expect(off.status).toBe(200);
    expect(off.body.enabled).toBe(false);
    expect((await request(`/twin/${token}`)).status).toBe(404);
    expect((await twinChat(token, "still there?")).status).toBe(404);
    // Switching on again gives a new link; the old one stays dead.
    const again = tokenOf((await sarah.post("/api/portal/twin", {})).body.url);
    expect(again).not.toBe(token);
    expect((await request(`/twin/${token}`)).status).toBe(404);
    expect((await request(`/twin/${again}`)).status).toBe(200);
  });

  it("regenerate: the old token answers 404, the new one works", async () => {
    const old = tokenOf((await sarah.post("/api/portal/twin/regenerate", {})).body.url);
    const fresh = await sarah.post("/api/portal/twin/regenerate", {});
    expect(fresh.status).toBe(201);
    const token = tokenOf(fresh.body.url);
    expect(token).not.toBe(old);
    expect((await request(`/twin/${old}`)).status).toBe(404);
    expect((await twinChat(old, "hello?")).status).toBe(404);
    expect((await request(`/twin/${token}`)).status).toBe(200);
  });

  it("never returns the token after it is made, and refuses to switch on twice or regenerate while off", async () => {
    const made = await sarah.post("/api/portal/twin/regenerate", {});
    const token = tokenOf(made.body.url);
    const status = await sarah.get("/api/portal/twin");
    expect(status.status).toBe(200);
    expect(Object.keys(status.body).sort()).toEqual(["allowed", "chats", "enabled", "enabledAt", "views"]);
    expect(JSON.stringify(status.body)).not.toContain(token);
    expect((await sarah.post("/api/portal/twin", {})).status).toBe(409);
    await sarah.delete("/api/portal/twin");
    expect((await sarah.post("/api/portal/twin/regenerate", {})).status).toBe(409);
  });

  it("an unknown or malformed token is a 404, and audit records on, off and regenerate without the token", async () => {
    expect((await request("/twin/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await request("/twin/<script>")).status).toBe(404);
    expect((await twinChat("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "hi")).status).toBe(404);
    for (const type of ["twin.enabled", "twin.disabled", "twin.regenerated"]) {
      const events = await auditEvents(type);
      expect(events.length, type).toBeGreaterThan(0);
      expect(events[0]).toMatchObject({ actor: "emp-sarah", employee_id: "emp-sarah" });
    }
  });
});

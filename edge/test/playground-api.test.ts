import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readSse, type WorkspacePlanBody } from "@clawgate/contracts";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { auditEvents, client, request, signInAs } from "./org-client.ts";
import { seedAcme } from "./seeded.ts";

/** The admin playground: who may open it, what a turn in it is, and the pipeline view. */
let runtime: FakeRuntime;

describe("admin playground", () => {
  let admin: ReturnType<typeof client>;
  let adminCookie: string;
  let mike: ReturnType<typeof client>;

  beforeAll(async () => {
    await seedAcme();
    adminCookie = await signInAs("emp-jiade");
    admin = client(adminCookie);
    mike = client(await signInAs("emp-mike"));
  });
  afterEach(() => runtime?.restore());

  it("an admin chats as the employee's agent: same plan, playground session, each turn audited with the operator", async () => {
    runtime = fakeRuntime();
    runtime.respond = (req) => json(echoResult(req));
    const sarah = client(await signInAs("emp-sarah"));
    expect((await sarah.post("/api/portal/chat", { message: "mine" })).status).toBe(200);
    const res = await admin.post("/api/admin/playground/emp-sarah/chat", { message: "what can you do?" });
    expect(res.status).toBe(200);
    expect(res.body.reply).toBe("echo: what can you do?");
    const [own, playground] = runtime.invocations.map((i) => runtime.planOf(i)!);
    expect(playground!.accessPath).toBe("playground");
    expect(playground!.sessionContext).toContain("admin playground");
    // Same plan as the employee's apart from the access path and what it tells the agent.
    const strip = ({ accessPath: _a, sessionContext: _s, ...rest }: WorkspacePlanBody) => rest;
    expect(strip(playground!)).toEqual(strip(own!));
    expect(runtime.invocations[1]!.sessionId).not.toBe(runtime.invocations[0]!.sessionId);
    // The employee's own transcript does not show the operator's turns.
    expect((await sarah.get("/api/portal/transcript")).body.entries.map((e: { message: string }) => e.message)).not.toContain("what can you do?");
    const events = (await auditEvents("playground.turn")).filter((e) => e.employee_id === "emp-sarah");
    expect(events.at(-1)).toMatchObject({ actor: "emp-jiade", detail: { operator: "emp-jiade", employeeId: "emp-sarah" } });
  });

  it("streams as server-sent events", async () => {
    runtime = fakeRuntime();
    runtime.respond = (req) => json(echoResult(req, { reply: "streamed" }));
    const res = await request("/api/admin/playground/emp-sarah/chat", {
      method: "POST",
      headers: { cookie: adminCookie, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ message: "stream it" }),
    });
    expect(res.status).toBe(200);
    const events = [];
    for await (const event of readSse(res.body!)) events.push(event);
    expect(events.at(-1)!.event).toBe("result");
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ reply: "streamed" });
  });

  it("a manager opens it for people in their subtree, and gets 404 outside it, with no turn run or audited", async () => {
    runtime = fakeRuntime();
    runtime.respond = (req) => json(echoResult(req));
    const auditedBefore = (await auditEvents("playground.turn")).length;
    expect((await mike.post("/api/admin/playground/emp-sarah/chat", { message: "hi" })).status).toBe(200);
    const outside = await mike.post("/api/admin/playground/emp-carol/chat", { message: "hi" });
    expect(outside.status).toBe(404);
    expect((await mike.get("/api/admin/playground/emp-carol/pipeline")).status).toBe(404);
    expect(runtime.invocations.map((i) => runtime.planOf(i)!.identity.employeeId)).toEqual(["emp-sarah"]);
    const audited = (await auditEvents("playground.turn")).slice(auditedBefore);
    expect(audited.map((e) => [e.actor, e.employee_id])).toEqual([["emp-mike", "emp-sarah"]]);
    // Employees have no playground.
    const sarah = client(await signInAs("emp-sarah"));
    expect((await sarah.post("/api/admin/playground/emp-sarah/chat", { message: "hi" })).status).toBe(403);
  });

  it("the pipeline shows SOUL layers with versions, allowed and denied tools, knowledge, skills, model and route", async () => {
    const res = await admin.get("/api/admin/playground/emp-ryan/pipeline");
    expect(res.status).toBe(200);
    const pipeline = res.body;
    expect(pipeline.employeeId).toBe("emp-ryan");
    const layers = pipeline.soul.map((l: { file: string; scope: string; version: number }) => `${l.file}/${l.scope}`);
    expect(layers).toEqual(expect.arrayContaining(["SOUL/global", "SOUL/position", "AGENTS/global"]));
    expect(pipeline.soul.every((l: { version: number; sha256: string }) => l.version >= 1 && /^[0-9a-f]{64}$/.test(l.sha256))).toBe(true);
    expect(pipeline.tools.allowed).toContain("exec");
    expect(pipeline.tools.allowed).toContain("read");
    expect(pipeline.tools.denied.map((d: { tool: string }) => d.tool)).not.toContain("exec");
    expect(pipeline.model.provider).toBeTruthy();
    expect(pipeline.route).toMatchObject({ employeeId: "emp-ryan", runtime: { kind: "http" } });
    expect(pipeline.route.reason).toContain("Ryan");

    // A position without file_write: write/edit/apply_patch are denied (memory files only for write/edit).
    const sarah = (await admin.get("/api/admin/playground/emp-sarah/pipeline")).body;
    const denied = sarah.tools.denied.map((d: { tool: string; capability: string }) => `${d.tool}:${d.capability}`);
    expect(denied).toContain("apply_patch:file_write");
    expect(sarah.tools.allowed).not.toContain("apply_patch");
    expect([...sarah.tools.memoryScoped].sort()).toEqual(["edit", "write"]);
    expect(Array.isArray(sarah.knowledge) && Array.isArray(sarah.skills)).toBe(true);
  });

  it("an unknown employee is a 404", async () => {
    expect((await admin.get("/api/admin/playground/emp-nobody/pipeline")).status).toBe(404);
    expect((await admin.post("/api/admin/playground/emp-nobody/chat", { message: "hi" })).status).toBe(404);
  });
});

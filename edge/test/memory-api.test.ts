import { sha256Hex, type InvocationRequest } from "@clawgate/contracts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnOutcome } from "@clawgate/durable-objects";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { client, signInAs } from "./org-client.ts";
import { auditOf } from "./schedules-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/**
 * The portal's memory API through the real Worker, EmployeeAgent, R2 and D1; the agent runtime is
 * faked at the fetch boundary. The employee reads their agent's memory and edits USER.md and
 * HEARTBEAT.md; the next turn's plan carries the edit.
 */
let runtime: FakeRuntime;
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);
const turn = (employeeId: string, message: string) =>
  agent(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message }) as Promise<TurnOutcome>;

describe("the agent's memory in the portal", () => {
  let sarah: ReturnType<typeof client>;
  let carol: ReturnType<typeof client>;

  beforeAll(async () => {
    await seedAcme();
    sarah = client(await signInAs("emp-sarah"));
    carol = client(await signInAs("emp-carol"));
  });
  afterEach(() => runtime?.restore());

  it("shows the agent's memory files, and an edit of USER.md reaches the next turn's plan", async () => {
    const notes = "# Notes\n\nSarah closes the ACME deal on Friday.\n";
    runtime = fakeRuntime();
    runtime.respond = (request: InvocationRequest) =>
      json(echoResult(request, request.message === "remember the deal" ? { memoryChanges: [{ path: "MEMORY.md", sha256: "0".repeat(64), text: notes }] } : {}));

    // Before she writes her own, USER.md is the one generated from her profile, as her workspace has it.
    const initial = await sarah.get("/api/portal/memory");
    expect(initial.body).toEqual({ files: [{ path: "USER.md", text: expect.stringContaining("- Name: Sarah"), bytes: expect.any(Number) }], updatedAt: null });
    const generatedUser = initial.body.files[0];
    expect((await turn("emp-sarah", "remember the deal")).ok).toBe(true);
    const afterTurn = await sarah.get("/api/portal/memory");
    expect(afterTurn.body).toEqual({ files: [{ path: "MEMORY.md", text: notes, bytes: notes.length }, generatedUser], updatedAt: expect.any(String) });

    const user = "Sarah prefers answers in bullet points. 日本語も少し。\n";
    const put = await sarah.put("/api/portal/memory/USER.md", { text: user });
    expect(put.status).toBe(200);
    expect(put.body.files).toEqual([
      { path: "MEMORY.md", text: notes, bytes: notes.length },
      { path: "USER.md", text: user, bytes: new TextEncoder().encode(user).byteLength },
    ]);
    expect(Date.parse(put.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(afterTurn.body.updatedAt));

    expect((await turn("emp-sarah", "what do you know about me?")).ok).toBe(true);
    const plan = runtime.planOf(runtime.invocations.at(-1)!)!;
    expect(plan.memory.files).toEqual([
      { path: "MEMORY.md", sha256: await sha256Hex(notes) },
      { path: "USER.md", sha256: await sha256Hex(user) },
    ]);

    // Audited with the path and size only: the text never reaches the audit log.
    const audits = await auditOf("emp-sarah", "memory.updated");
    expect(audits).toEqual([{ actor: "emp-sarah", detail: { path: "USER.md", bytes: new TextEncoder().encode(user).byteLength } }]);
    expect(JSON.stringify(audits)).not.toContain("bullet points");
    // Carol's agent is another object: she sees none of it.
    expect((await carol.get("/api/portal/memory")).body.files.map((f: { path: string }) => f.path)).toEqual(["USER.md"]);
  });

  it("refuses the agent's own files, unknown names and texts over 64 KiB with 400, changing nothing", async () => {
    const before = (await carol.get("/api/portal/memory")).body;
    for (const name of ["MEMORY.md", "SOUL.md", "..%2FUSER.md", "memory%2F2027-03-14.md"]) {
      expect((await carol.put(`/api/portal/memory/${name}`, { text: "overwritten" })).status, name).toBe(400);
    }
    // A name with a slash is no route at all.
    expect((await carol.put("/api/portal/memory/memory/2027-03-14.md", { text: "overwritten" })).status).toBe(404);
    const tooBig = await carol.put("/api/portal/memory/HEARTBEAT.md", { text: "é".repeat(32 * 1024 + 1) });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toContain("64 KiB");
    expect((await carol.put("/api/portal/memory/USER.md", { text: 42 })).status).toBe(400);
    expect((await carol.get("/api/portal/memory")).body).toEqual(before);
    expect(await auditOf("emp-carol", "memory.updated")).toEqual([]);

    const exactly64KiB = "a".repeat(64 * 1024);
    expect((await carol.put("/api/portal/memory/HEARTBEAT.md", { text: exactly64KiB })).body.files).toEqual([
      { path: "USER.md", text: expect.stringContaining("- Name: Carol"), bytes: expect.any(Number) },
      { path: "HEARTBEAT.md", text: exactly64KiB, bytes: 65_536 },
    ]);
  });
});

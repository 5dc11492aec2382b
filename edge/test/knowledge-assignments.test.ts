import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnOutcome } from "@clawgate/durable-objects";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { freshKnowledgeBase, nextPlan, upload } from "./knowledge-fixtures.ts";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Api = ReturnType<typeof client>;
let admin: Api;
let adminCookie: string;
let manager: Api; // emp-mike: manager of Enterprise Sales, Account Executive (a position of Sales, above him)

const kbIdsIn = async (employeeId: string) => new Set((await nextPlan(employeeId)).body.knowledge.map((k) => k.kbId));
const assignmentCount = async (kbId: string) =>
  (await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM kb_assignments WHERE kb_id = ?").bind(kbId).first<{ n: number }>())?.n;

async function freshPosition(departmentId: string): Promise<string> {
  const id = `pos-kb-${crypto.randomUUID().slice(0, 8)}`;
  await testEnv.DB.prepare("INSERT INTO positions (id, name, department_id) VALUES (?, ?, ?)").bind(id, `Position ${id}`, departmentId).run();
  return id;
}

describe("knowledge base assignments", () => {
  beforeAll(async () => {
    await seedAcme();
    adminCookie = await signInAs("emp-jiade");
    admin = client(adminCookie);
    manager = client(await signInAs("emp-mike"));
  });

  it("assigns to a position (admin): the next plan of its holders carries the document, nobody else's", async () => {
    const kbId = await freshKnowledgeBase([], { document: "handbook.md" });
    const version = await configVersion();
    const res = await admin.post(`/api/admin/knowledge-bases/${kbId}/assignments`, { scope: "position", targetId: "pos-fa" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ scope: "position", targetId: "pos-fa", targetName: "Finance Analyst" });
    expect(await configVersion()).toBe(version + 1);
    const doc = (await nextPlan("emp-carol")).body.knowledge.find((k) => k.kbId === kbId);
    expect(doc).toMatchObject({ path: `knowledge/${kbId}/handbook.md`, title: "handbook.md", name: `Fixture ${kbId}` });
    expect(await kbIdsIn("emp-sarah")).not.toContain(kbId);
    expect((await auditEvents("kb.assigned")).at(-1)).toMatchObject({ actor: "emp-jiade", employee_id: null, detail: { kbId, scope: "position", targetId: "pos-fa" } });
  });

  it("assigns to one employee, and to everyone", async () => {
    const kbId = await freshKnowledgeBase([], { document: "one.md" });
    expect((await admin.post(`/api/admin/knowledge-bases/${kbId}/assignments`, { scope: "employee", targetId: "emp-sarah" })).status).toBe(201);
    expect(await kbIdsIn("emp-sarah")).toContain(kbId);
    expect(await kbIdsIn("emp-tom")).not.toContain(kbId);
    expect((await auditEvents("kb.assigned")).at(-1)).toMatchObject({ employee_id: "emp-sarah", detail: { kbId, scope: "employee" } });

    const everyone = await admin.post(`/api/admin/knowledge-bases/${kbId}/assignments`, { scope: "everyone" });
    expect(everyone.status).toBe(201);
    expect(everyone.body).toEqual({ scope: "everyone", targetId: "*", targetName: null });
    for (const employeeId of ["emp-tom", "emp-ryan", "emp-jenny"]) expect(await kbIdsIn(employeeId)).toContain(kbId);
  });

  it("is idempotent: assigning again answers 200 and changes nothing", async () => {
    const kbId = await freshKnowledgeBase(["pos-hr"]);
    const version = await configVersion();
    const again = await admin.post(`/api/admin/knowledge-bases/${kbId}/assignments`, { scope: "position", targetId: "pos-hr" });
    expect(again.status).toBe(200);
    expect(await configVersion()).toBe(version);
    expect(await assignmentCount(kbId)).toBe(1);
  });

  it("unassigns: the next plan no longer carries it; a second removal is 404", async () => {
    const kbId = await freshKnowledgeBase(["pos-fa"], { document: "gone.md" });
    const employeeAssigned = await admin.post(`/api/admin/knowledge-bases/${kbId}/assignments`, { scope: "employee", targetId: "emp-carol" });
    expect(employeeAssigned.status).toBe(201);
    expect((await admin.delete(`/api/admin/knowledge-bases/${kbId}/assignments/position/pos-fa`)).status).toBe(204);
    // Still hers by name.
    expect(await kbIdsIn("emp-carol")).toContain(kbId);
    expect(await kbIdsIn("emp-david")).not.toContain(kbId);
    const version = await configVersion();
    expect((await admin.delete(`/api/admin/knowledge-bases/${kbId}/assignments/employee/emp-carol`)).status).toBe(204);
    expect(await configVersion()).toBe(version + 1);
    expect(await kbIdsIn("emp-carol")).not.toContain(kbId);
    expect((await auditEvents("kb.unassigned")).at(-1)).toMatchObject({ employee_id: "emp-carol", detail: { kbId, scope: "employee", targetId: "emp-carol" } });
    expect((await admin.delete(`/api/admin/knowledge-bases/${kbId}/assignments/employee/emp-carol`)).status).toBe(404);
  });

  it("rejects unknown targets and malformed assignments with 400, assigning nothing", async () => {
    const kbId = await freshKnowledgeBase([]);
    const cases = [
      [{ scope: "position", targetId: "pos-nowhere" }, "targetId", "no such position"],
      [{ scope: "employee", targetId: "emp-nobody" }, "targetId", "no such employee"],
      [{ scope: "position" }, "targetId", undefined],
      [{ scope: "department", targetId: "dept-hr" }, "scope", undefined],
    ] as const;
    for (const [body, path, message] of cases) {
      const res = await admin.post(`/api/admin/knowledge-bases/${kbId}/assignments`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.issues[0].path).toBe(path);
      if (message) expect(res.body.error.issues[0].message).toBe(message);
    }
    expect((await admin.post("/api/admin/knowledge-bases/kb-nowhere/assignments", { scope: "everyone" })).status).toBe(404);
    expect(await assignmentCount(kbId)).toBe(0);
  });

  it("lets a manager pass on a knowledge base he holds to positions and people of his subtree", async () => {
    const entPosition = await freshPosition("dept-sales-ent");
    const toPosition = await manager.post("/api/admin/knowledge-bases/kb-cases/assignments", { scope: "position", targetId: entPosition });
    expect(toPosition.status).toBe(201);
    const toSarah = await manager.post("/api/admin/knowledge-bases/kb-onboarding/assignments", { scope: "employee", targetId: "emp-sarah" });
    expect(toSarah.status).toBe(201);
    expect((await auditEvents("kb.assigned")).at(-1)).toMatchObject({ actor: "emp-mike", employee_id: "emp-sarah" });
    expect((await manager.get("/api/admin/knowledge-bases/kb-cases")).body.assignments).toContainEqual({ scope: "position", targetId: entPosition, targetName: `Position ${entPosition}` });
    expect((await manager.delete(`/api/admin/knowledge-bases/kb-cases/assignments/position/${entPosition}`)).status).toBe(204);
  });

  it("never lets a manager widen access: no knowledge he lacks, no one outside his subtree, not everyone", async () => {
    const entPosition = await freshPosition("dept-sales-ent");
    const before = { cases: await assignmentCount("kb-cases"), finance: await assignmentCount("kb-finance") };
    // Not his to share — not even with himself.
    expect((await manager.post("/api/admin/knowledge-bases/kb-finance/assignments", { scope: "employee", targetId: "emp-mike" })).status).toBe(404);
    expect((await manager.post("/api/admin/knowledge-bases/kb-finance/assignments", { scope: "position", targetId: entPosition })).status).toBe(404);
    // Account Executive is in his view but held across all of Sales.
    expect((await manager.post("/api/admin/knowledge-bases/kb-cases/assignments", { scope: "position", targetId: "pos-ae" })).status).toBe(403);
    expect((await manager.post("/api/admin/knowledge-bases/kb-cases/assignments", { scope: "everyone" })).status).toBe(403);
    const outside = await manager.post("/api/admin/knowledge-bases/kb-cases/assignments", { scope: "position", targetId: "pos-fa" });
    expect(outside.status).toBe(400);
    expect(outside.body.error.issues).toEqual([{ path: "targetId", message: "no such position" }]);
    expect((await manager.post("/api/admin/knowledge-bases/kb-cases/assignments", { scope: "employee", targetId: "emp-carol" })).status).toBe(400);
    expect({ cases: await assignmentCount("kb-cases"), finance: await assignmentCount("kb-finance") }).toEqual(before);
    expect(await kbIdsIn("emp-mike")).not.toContain("kb-finance");

    // Removing: an assignment beyond his reach is 403 when he can see it, 404 when he cannot.
    expect((await manager.delete("/api/admin/knowledge-bases/kb-cases/assignments/position/pos-ae")).status).toBe(403);
    expect((await manager.delete("/api/admin/knowledge-bases/kb-policies/assignments/everyone/*")).status).toBe(403);
    expect((await manager.delete("/api/admin/knowledge-bases/kb-cases/assignments/position/pos-sa")).status).toBe(404);
    expect([...(await kbIdsIn("emp-sarah"))]).toEqual(expect.arrayContaining(["kb-cases", "kb-policies"]));
    expect(await assignmentCount("kb-cases")).toBe(before.cases);
  });

  describe("through the EmployeeAgent", () => {
    let runtime: FakeRuntime;
    afterEach(() => runtime?.restore());
    const send = (employeeId: string, message: string) =>
      testEnv.EMPLOYEE_AGENT.getByName(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message }) as Promise<TurnOutcome>;

    it("the turn after an assignment carries the new document and its text, though the agent had a plan cached", async () => {
      runtime = fakeRuntime();
      const kbId = await freshKnowledgeBase([]);
      const text = "# Deal desk\n\nDiscounts above 20 % need the deal desk.\n";
      expect((await upload(adminCookie, kbId, "deal-desk.md", text)).status).toBe(201);
      expect((await send("emp-tom", "before")).ok).toBe(true);
      expect(runtime.planOf(runtime.invocations.at(-1)!)!.knowledge.map((k) => k.kbId)).not.toContain(kbId);

      expect((await admin.post(`/api/admin/knowledge-bases/${kbId}/assignments`, { scope: "employee", targetId: "emp-tom" })).status).toBe(201);
      expect((await send("emp-tom", "after")).ok).toBe(true);
      const invocation = runtime.invocations.at(-1)!;
      const doc = runtime.planOf(invocation)!.knowledge.find((k) => k.kbId === kbId);
      expect(doc).toMatchObject({ path: `knowledge/${kbId}/deal-desk.md`, title: "Deal desk" });
      expect(invocation.blobs[doc!.sha256]).toBe(text);
    });
  });
});

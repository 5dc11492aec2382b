import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { planSkills, rowCount } from "./skills-fixtures.ts";
import { seedAcme } from "./seeded.ts";

type Client = ReturnType<typeof client>;
let sarah: Client;
let mike: Client;
let jenny: Client;
let admin: Client;

const statusOf = async (who: Client, skill: string) => ((await who.get("/api/portal/skills")).body.skills as { name: string; status: string }[]).find((s) => s.name === skill)?.status;

describe("skill requests and approvals", () => {
  beforeAll(async () => {
    await seedAcme();
    sarah = client(await signInAs("emp-sarah"));
    mike = client(await signInAs("emp-mike"));
    jenny = client(await signInAs("emp-jenny"));
    admin = client(await signInAs("emp-jiade"));
  });

  it("shows each catalog skill as it stands for the caller", async () => {
    const skills = (await sarah.get("/api/portal/skills")).body.skills as { name: string; status: string }[];
    expect(skills).toHaveLength(26);
    expect(skills.find((s) => s.name === "crm-query")!.status).toBe("position");
    expect(skills.find((s) => s.name === "deep-research")!.status).toBe("available");
    expect(skills.find((s) => s.name === "sap-connector")!.status).toBe("not_allowed");
  });

  it("turns an employee's request, approved by their manager, into an install in the next plan", async () => {
    expect(await planSkills("emp-sarah")).not.toContain("deep-research");
    const created = await sarah.post("/api/portal/skills/requests", { skill: "deep-research", reason: "Competitor scans for renewals" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ employeeId: "emp-sarah", skill: "deep-research", status: "pending", reason: "Competitor scans for renewals" });
    expect(await statusOf(sarah, "deep-research")).toBe("requested");
    expect((await sarah.post("/api/portal/skills/requests", { skill: "deep-research" })).status).toBe(409);
    expect((await auditEvents("skill.requested")).map((e) => e.detail.requestId)).toContain(created.body.id);

    // Jenny manages HR: Sarah's request is outside her subtree, so it does not exist for her.
    expect((await jenny.get("/api/admin/skill-requests")).body.requests.map((r: { id: string }) => r.id)).not.toContain(created.body.id);
    expect((await jenny.post(`/api/admin/skill-requests/${created.body.id}/approve`, {})).status).toBe(404);
    expect((await sarah.post(`/api/admin/skill-requests/${created.body.id}/approve`, {})).status).toBe(403);
    expect(await rowCount("skill_installs", "employee_id = 'emp-sarah'")).toBe(0);

    const pending = (await mike.get("/api/admin/skill-requests?status=pending")).body.requests;
    expect(pending.map((r: { id: string }) => r.id)).toContain(created.body.id);
    const version = await configVersion();
    const approved = await mike.post(`/api/admin/skill-requests/${created.body.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decidedBy: "emp-mike" });
    expect(await configVersion()).toBe(version + 1);
    expect(await planSkills("emp-sarah")).toContain("deep-research");
    expect(await statusOf(sarah, "deep-research")).toBe("installed");
    expect((await mike.get("/api/admin/skill-installs?employeeId=emp-sarah")).body.installs).toEqual([
      { employeeId: "emp-sarah", skill: "deep-research", grantedBy: "emp-mike", requestId: created.body.id, installedAt: expect.any(String) },
    ]);
    expect((await auditEvents("skill.approved")).at(-1)).toMatchObject({ actor: "emp-mike", employee_id: "emp-sarah", detail: { skill: "deep-research", requestId: created.body.id } });
    expect((await mike.post(`/api/admin/skill-requests/${created.body.id}/approve`, {})).status).toBe(409);
    expect((await sarah.post("/api/portal/skills/requests", { skill: "deep-research" })).status).toBe(409);
  });

  it("rejects with a reason the requester sees, and the skill stays out of the plan", async () => {
    const created = (await sarah.post("/api/portal/skills/requests", { skill: "s3-files" })).body;
    expect((await mike.post(`/api/admin/skill-requests/${created.id}/reject`, {})).status).toBe(400);
    const rejected = await mike.post(`/api/admin/skill-requests/${created.id}/reject`, { reason: "Use the shared drive for sales files." });
    expect(rejected.status).toBe(200);
    const mine = (await sarah.get("/api/portal/skills/requests")).body.requests.find((r: { id: string }) => r.id === created.id);
    expect(mine).toMatchObject({ status: "rejected", decidedBy: "emp-mike", decisionReason: "Use the shared drive for sales files." });
    expect(await planSkills("emp-sarah")).not.toContain("s3-files");
    expect((await auditEvents("skill.rejected")).at(-1)!.detail).toMatchObject({ skill: "s3-files", requestId: created.id });
    expect((await mike.post(`/api/admin/skill-requests/${created.id}/approve`, {})).status).toBe(409);
    // Rejected is decided, not final: she may ask again.
    expect((await sarah.post("/api/portal/skills/requests", { skill: "s3-files" })).status).toBe(201);
  });

  it("refuses requests for skills outside the rules, already in the workspace, or not in the catalog", async () => {
    const before = await rowCount("skill_requests");
    const blocked = await sarah.post("/api/portal/skills/requests", { skill: "sap-connector" });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe("skill_not_allowed");
    expect((await sarah.post("/api/portal/skills/requests", { skill: "crm-query" })).status).toBe(409);
    expect((await sarah.post("/api/portal/skills/requests", { skill: "no-such-skill" })).status).toBe(400);
    expect(await rowCount("skill_requests")).toBe(before);
  });

  it("never lets a manager approve or install a skill for themselves", async () => {
    const own = (await mike.post("/api/portal/skills/requests", { skill: "deep-research" })).body;
    expect((await mike.post(`/api/admin/skill-requests/${own.id}/approve`, {})).status).toBe(403);
    expect((await mike.post("/api/admin/skill-installs", { employeeId: "emp-mike", skill: "s3-files" })).status).toBe(403);
    expect(await planSkills("emp-mike")).not.toContain("deep-research");
    expect((await admin.post(`/api/admin/skill-requests/${own.id}/approve`, {})).status).toBe(200);
    expect(await planSkills("emp-mike")).toContain("deep-research");
  });

  it("lets a manager install and remove skills directly for people in scope only", async () => {
    const installed = await mike.post("/api/admin/skill-installs", { employeeId: "emp-sarah", skill: "self-improving-agent" });
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({ grantedBy: "emp-mike", requestId: null });
    expect(await planSkills("emp-sarah")).toContain("self-improving-agent");
    expect((await mike.post("/api/admin/skill-installs", { employeeId: "emp-sarah", skill: "self-improving-agent" })).status).toBe(409);
    expect((await auditEvents("skill.installed")).at(-1)).toMatchObject({ actor: "emp-mike", employee_id: "emp-sarah" });

    expect((await mike.post("/api/admin/skill-installs", { employeeId: "emp-carol", skill: "deep-research" })).status).toBe(400);
    await admin.post("/api/admin/skill-installs", { employeeId: "emp-carol", skill: "deep-research" });
    expect((await mike.get("/api/admin/skill-installs")).body.installs.map((i: { employeeId: string }) => i.employeeId)).not.toContain("emp-carol");
    expect((await mike.delete("/api/admin/skill-installs/emp-carol/deep-research")).status).toBe(404);
    expect(await planSkills("emp-carol")).toContain("deep-research");

    const removed = await mike.delete("/api/admin/skill-installs/emp-sarah/self-improving-agent");
    expect(removed.status).toBe(200);
    expect(await planSkills("emp-sarah")).not.toContain("self-improving-agent");
    expect((await auditEvents("skill.uninstalled")).at(-1)).toMatchObject({ actor: "emp-mike", employee_id: "emp-sarah", detail: { skill: "self-improving-agent" } });
    expect((await mike.delete("/api/admin/skill-installs/emp-sarah/self-improving-agent")).status).toBe(404);
  });
});

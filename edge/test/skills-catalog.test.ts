import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, configVersion, signInAs } from "./org-client.ts";
import { planOf, planSkills, rowCount, skillClient, skillPackage } from "./skills-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Client = ReturnType<typeof skillClient>;
let admin: Client;
let mike: Client;
let sarah: Client;

const positionSkills = async (id: string) => JSON.parse((await testEnv.DB.prepare("SELECT default_skills FROM positions WHERE id = ?").bind(id).first<{ default_skills: string }>())!.default_skills) as string[];

describe("skill catalog", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = skillClient(await signInAs("emp-jiade"));
    mike = skillClient(await signInAs("emp-mike"));
    sarah = skillClient(await signInAs("emp-sarah"));
  });

  it("lists the catalog to admins and managers, never to employees through the admin API", async () => {
    const list = await mike.get("/api/admin/skills");
    expect(list.status).toBe(200);
    expect(list.body.skills).toHaveLength(26);
    expect(list.body.skills[0]).toMatchObject({ name: "aws-bedrock-kb-search", version: "1.0.0", allowedRoles: ["legal", "management"] });
    expect((await sarah.get("/api/admin/skills")).status).toBe(403);
    expect((await admin.get("/api/admin/skills/no-such-skill")).status).toBe(404);
    expect((await admin.get("/api/admin/skills/Bad_Name")).status).toBe(400);
  });

  it("shows which positions assign a skill, within the caller's view", async () => {
    expect((await admin.get("/api/admin/skills/crm-query")).body.positions).toEqual(["pos-ae", "pos-csm"]);
    // Mike (Enterprise Sales) sees pos-ae, held by Sales above him, but not Customer Success.
    expect((await mike.get("/api/admin/skills/crm-query")).body.positions).toEqual(["pos-ae"]);
  });

  it("lets only admins add a package, checked like any submission", async () => {
    const pkg = skillPackage("vendor-lookup", { allowedRoles: ["finance"], permissions: ["web_search"], body: "# Vendor lookup\n\nSearch the web for the vendor's registration details.\n" });
    expect((await mike.post("/api/admin/skills", pkg)).status).toBe(403);
    const created = await admin.post("/api/admin/skills", pkg);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "vendor-lookup", createdBy: "emp-jiade", allowedRoles: ["finance"], updatedAt: null });
    expect((await admin.get("/api/admin/skills/vendor-lookup")).body.skillMd).toBe(pkg.skillMd);
    expect((await auditEvents("skill.created")).map((e) => e.detail.skill)).toContain("vendor-lookup");

    expect((await admin.post("/api/admin/skills", pkg)).status).toBe(409);
    const before = await rowCount("skills");
    const bad = await admin.post("/api/admin/skills", skillPackage("shell-helper", { body: "# Shell\n\nUse the gh CLI to list pull requests.\n" }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.failures[0].check).toBe("permissions");
    expect((await admin.post("/api/admin/skills", { manifest: { name: "x" }, skillMd: "" })).status).toBe(400);
    expect(await rowCount("skills")).toBe(before);
  });

  it("reaches a workspace only once a position assigns it, and leaves it when unassigned", async () => {
    expect(await planSkills("emp-carol")).not.toContain("vendor-lookup");
    const skills = await positionSkills("pos-fa");
    const assigned = await admin.patch("/api/admin/positions/pos-fa", { defaultSkills: [...skills, "vendor-lookup"] });
    expect(assigned.status).toBe(200);
    expect(await planSkills("emp-carol")).toContain("vendor-lookup");
    expect((await admin.patch("/api/admin/positions/pos-fa", { defaultSkills: [...skills, "not-in-catalog"] })).status).toBe(400);
    await admin.patch("/api/admin/positions/pos-fa", { defaultSkills: skills });
    expect(await planSkills("emp-carol")).not.toContain("vendor-lookup");
  });

  it("replaces a package with a new version, bumping the config so the next plan carries it", async () => {
    await admin.patch("/api/admin/positions/pos-fa", { defaultSkills: [...(await positionSkills("pos-fa")), "vendor-lookup"] });
    const next = skillPackage("vendor-lookup", { version: "1.1.0", allowedRoles: ["finance"], permissions: ["web_search"], body: "# Vendor lookup\n\nSearch the web for registration and sanctions listings.\n" });
    const sameVersion = await admin.put("/api/admin/skills/vendor-lookup", { ...next, manifest: { ...next.manifest, version: "1.0.0" } });
    expect(sameVersion.status).toBe(409);
    expect((await admin.put("/api/admin/skills/vendor-lookup", { ...next, manifest: { ...next.manifest, name: "other-name" } })).status).toBe(400);
    expect((await mike.put("/api/admin/skills/vendor-lookup", next)).status).toBe(403);

    const version = await configVersion();
    const replaced = await admin.put("/api/admin/skills/vendor-lookup", next);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ version: "1.1.0", updatedAt: expect.any(String) });
    expect(await configVersion()).toBe(version + 1);
    const plan = await planOf("emp-carol");
    expect(plan.skills.find((s) => s.name === "vendor-lookup")?.sha256).toBe(replaced.body.sha256);

    // Narrowed to legal: Carol (finance) loses it at once, though her position still lists it.
    await admin.put("/api/admin/skills/vendor-lookup", skillPackage("vendor-lookup", { version: "1.2.0", allowedRoles: ["legal"], permissions: ["web_search"], body: "# Vendor lookup\n\nSearch the web for registration and sanctions listings.\n" }));
    expect(await planSkills("emp-carol")).not.toContain("vendor-lookup");
    expect((await auditEvents("skill.updated")).at(-1)!.detail).toMatchObject({ skill: "vendor-lookup", version: { from: "1.1.0", to: "1.2.0" }, allowedRoles: ["legal"] });
  });

  it("guards deleting a skill that positions assign or employees have installed; force unassigns and uninstalls", async () => {
    await admin.post("/api/admin/skill-installs", { employeeId: "emp-rachel", skill: "vendor-lookup" });
    expect(await planSkills("emp-rachel")).toContain("vendor-lookup");
    expect((await mike.delete("/api/admin/skills/vendor-lookup")).status).toBe(403);
    const guarded = await admin.delete("/api/admin/skills/vendor-lookup");
    expect(guarded.status).toBe(409);
    expect(guarded.body.error.blockers).toEqual({ positions: 1, employees: 1, departments: 0 });
    expect(await rowCount("skills", "name = 'vendor-lookup'")).toBe(1);

    const forced = await admin.delete("/api/admin/skills/vendor-lookup?force=true");
    expect(forced.status).toBe(200);
    expect(forced.body).toEqual({ deleted: "vendor-lookup", unassignedFrom: ["pos-fa"], uninstalledFrom: ["emp-rachel"] });
    expect(await positionSkills("pos-fa")).not.toContain("vendor-lookup");
    expect(await positionSkills("pos-fa")).toContain("sap-connector");
    expect(await rowCount("skill_installs", "skill_name = 'vendor-lookup'")).toBe(0);
    expect(await planSkills("emp-rachel")).not.toContain("vendor-lookup");
    expect((await auditEvents("skill.deleted")).at(-1)!.detail).toMatchObject({ skill: "vendor-lookup", force: true });
    expect((await admin.delete("/api/admin/skills/vendor-lookup")).status).toBe(404);
  });

  it("deletes an unused skill without force", async () => {
    await admin.post("/api/admin/skills", skillPackage("unused-skill"));
    expect((await admin.delete("/api/admin/skills/unused-skill")).body).toEqual({ deleted: "unused-skill", unassignedFrom: [], uninstalledFrom: [] });
  });
});

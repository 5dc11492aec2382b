import { beforeAll, describe, expect, it } from "vitest";
import { acme } from "../src/seed/acme/index.ts";
import { auditEvents, client, signInAs } from "./org-client.ts";
import { planSkills, rowCount, skillPackage } from "./skills-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/**
 * Kevin (Software Engineer, tagged intern) tries every path to a skill that blocks interns. The
 * assertion that matters is always his next plan: none of those skills, on any access path.
 */
type Client = ReturnType<typeof client>;
let admin: Client;
let kevin: Client;

const SEEDED_BLOCKED = acme.skills.filter((s) => s.blockedRoles.includes("intern")).map((s) => s.name);
/** Plus one made during the test, that no position assigns. */
const BLOCKED = [...SEEDED_BLOCKED, "code-search"];
const ACCESS_PATHS = ["employee", "playground", "twin", "admin", "scheduled"] as const;

async function expectNoBlockedSkill() {
  for (const path of ACCESS_PATHS) {
    const skills = await planSkills("emp-kevin", path);
    expect(skills.filter((s) => BLOCKED.includes(s)), path).toEqual([]);
  }
}

const setTags = (tags: string[]) => admin.patch("/api/admin/employees/emp-kevin", { tags });

describe("an intern cannot get a blocked skill by any path", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    kevin = client(await signInAs("emp-kevin"));
    expect(BLOCKED).toEqual(expect.arrayContaining(["github", "deep-research", "jira-query", "notion"]));
  });

  it("role rules: his position assigns github and friends, his colleague gets them, he does not", async () => {
    expect(await planSkills("emp-ryan")).toEqual(expect.arrayContaining(["github", "deep-research", "jira-query", "notion"]));
    await expectNoBlockedSkill();
    expect(await planSkills("emp-kevin")).toEqual(expect.arrayContaining(["web-search", "summarize"]));
    const mine = (await kevin.get("/api/portal/skills")).body.skills.find((s: { name: string }) => s.name === "github");
    expect(mine.status).toBe("not_allowed");
  });

  it("position assignment: an admin assigning every intern-blocked skill to his position changes nothing for him", async () => {
    const position = (await admin.get("/api/admin/positions/pos-sde")).body;
    const res = await admin.patch("/api/admin/positions/pos-sde", { defaultSkills: [...new Set([...position.defaultSkills, ...SEEDED_BLOCKED])] });
    expect(res.status).toBe(200);
    // The same position still gives them to a colleague the rules admit.
    expect(await planSkills("emp-ryan")).toEqual(expect.arrayContaining(["github", "notion"]));
    await expectNoBlockedSkill();
  });

  it("request: refused with 422 and nothing recorded", async () => {
    const res = await kevin.post("/api/portal/skills/requests", { skill: "github", reason: "I need to open pull requests" });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "skill_not_allowed" });
    expect(res.body.error.message).toMatch(/blocked for intern/);
    expect(await rowCount("skill_requests", "employee_id = 'emp-kevin'")).toBe(0);
    await expectNoBlockedSkill();
  });

  it("approval by an admin: a request made before he was tagged intern cannot be approved after", async () => {
    // A new engineering skill that blocks interns, not assigned to any position.
    const created = await admin.post("/api/admin/skills", skillPackage("code-search", { allowedRoles: ["engineering"], blockedRoles: ["intern"], permissions: ["file"] }));
    expect(created.status).toBe(201);
    expect((await setTags([])).status).toBe(200);
    let pending;
    try {
      pending = await client(await signInAs("emp-kevin")).post("/api/portal/skills/requests", { skill: "code-search" });
    } finally {
      expect((await setTags(["intern"])).status).toBe(200);
    }
    expect(pending.status).toBe(201);
    const approval = await admin.post(`/api/admin/skill-requests/${pending.body.id}/approve`, {});
    expect(approval.status).toBe(422);
    expect(approval.body.error.code).toBe("skill_not_allowed");
    expect((await admin.get(`/api/admin/skill-requests?employeeId=emp-kevin`)).body.requests[0]).toMatchObject({ id: pending.body.id, status: "pending" });
    expect(await rowCount("skill_installs", "employee_id = 'emp-kevin'")).toBe(0);
    expect((await auditEvents("skill.approved")).filter((e) => e.employee_id === "emp-kevin")).toEqual([]);
    kevin = client(await signInAs("emp-kevin"));
    await expectNoBlockedSkill();
  });

  it("direct install by an admin: refused with 422", async () => {
    for (const skill of ["github", "deep-research", "code-search"]) {
      const res = await admin.post("/api/admin/skill-installs", { employeeId: "emp-kevin", skill });
      expect(res.status, skill).toBe(422);
    }
    expect(await rowCount("skill_installs", "employee_id = 'emp-kevin'")).toBe(0);
    await expectNoBlockedSkill();
  });

  it("a lookalike package with the same (or a confusable) name and open rules is refused before review", async () => {
    const before = await rowCount("skill_submissions");
    for (const name of ["github", "git-hub", "g1thub"]) {
      const res = await kevin.post("/api/portal/skills/submissions", skillPackage(name, { allowedRoles: ["*"], permissions: ["shell"] }));
      expect(res.status, name).toBe(409);
    }
    expect((await admin.post("/api/admin/skills", skillPackage("github", { allowedRoles: ["*"] }))).status).toBe(409);
    expect(await rowCount("skill_submissions")).toBe(before);
    expect((await admin.get("/api/admin/skills/github")).body.blockedRoles).toEqual(["intern"]);
    await expectNoBlockedSkill();
  });

  it("an install written straight into D1, past every API check, still never reaches his plan", async () => {
    for (const skill of BLOCKED) {
      await testEnv.DB.prepare("INSERT INTO skill_installs (employee_id, skill_name, granted_by, installed_at) VALUES ('emp-kevin', ?, 'emp-jiade', ?)").bind(skill, new Date().toISOString()).run();
    }
    await expectNoBlockedSkill();
  });
});

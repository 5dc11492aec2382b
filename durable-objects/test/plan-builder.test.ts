import { beforeAll, describe, expect, it } from "vitest";
import type { AccessPath } from "@clawgate/contracts";
import { loadEmployee } from "../src/turn/control-plane.ts";
import { buildPlanBase } from "../src/turn/plan-builder.ts";
import { acme } from "../../edge/src/seed/acme/index.ts";
import { seedAcme, testEnv } from "../../edge/test/seeded.ts";

async function planFor(employeeId: string, accessPath: AccessPath = "employee") {
  const employee = await loadEmployee(testEnv.DB, employeeId);
  if (!employee) throw new Error(`no ${employeeId}`);
  return (await buildPlanBase(testEnv.DB, employee, accessPath)).body;
}
const skillNames = (plan: Awaited<ReturnType<typeof planFor>>) => plan.skills.map((s) => s.name);
const kbIds = (plan: Awaited<ReturnType<typeof planFor>>) => [...new Set(plan.knowledge.map((k) => k.kbId))].sort();

describe("plan builder on the ACME org", () => {
  beforeAll(seedAcme);

  it("gives a finance analyst no shell and only memory-scoped writes", async () => {
    const plan = await planFor("emp-carol");
    expect(plan.tools.allow).toEqual(["automations", "memory_get", "memory_search", "read", "web_fetch", "web_search"]);
    expect(plan.tools.memoryScoped).toEqual(["write", "edit"]);
    expect(plan.tools.allow).not.toContain("exec");
  });

  it("gives a software engineer the shell and file writes", async () => {
    const plan = await planFor("emp-ryan");
    expect(plan.tools.allow).toEqual(expect.arrayContaining(["exec", "process", "read", "write", "edit", "apply_patch", "browser", "code_execution"]));
    expect(plan.tools.memoryScoped).toEqual([]);
  });

  it("gives a twin session read-only tools and no memory writes, even for a fully tooled position", async () => {
    const employee = await planFor("emp-ryan", "employee");
    const twin = await planFor("emp-ryan", "twin");
    expect(employee.tools.allow).toContain("exec");
    expect(twin.tools).toEqual({ capabilities: [], allow: ["memory_get", "memory_search", "read"], memoryScoped: [] });
    expect((await planFor("emp-carol", "twin")).tools).toEqual(twin.tools);
    expect(twin.sessionContext).toContain("visitor");
  });

  it("keeps the position's policy on every path but twin", async () => {
    const employee = await planFor("emp-carol", "employee");
    for (const path of ["playground", "admin", "scheduled"] as const) {
      expect((await planFor("emp-carol", path)).tools, path).toEqual(employee.tools);
    }
  });

  it("filters skills by role with blocked-wins", async () => {
    const ryan = skillNames(await planFor("emp-ryan"));
    const kevin = skillNames(await planFor("emp-kevin"));
    const carol = skillNames(await planFor("emp-carol"));
    const mike = skillNames(await planFor("emp-mike"));
    expect(ryan).toEqual(expect.arrayContaining(["github", "jira-query", "deep-research", "notion", "web-search"]));
    // Same position as Ryan, but tagged intern: every rule that blocks interns wins.
    expect(kevin).toContain("web-search");
    for (const blocked of ["github", "jira-query", "deep-research", "notion"]) expect(kevin).not.toContain(blocked);
    expect(carol).toEqual(expect.arrayContaining(["sap-connector", "excel-gen", "aws-s3-docs"]));
    expect(carol).not.toContain("github");
    // A sales manager: exactly his position's skills (management admits them all), not every skill management may use.
    expect(mike).toEqual(acme.positions.find((p) => p.id === "pos-ae")!.defaultSkills.toSorted());
    expect(mike).not.toContain("sap-connector");
  });

  it("offers catalog skills assigned to the position or installed for the employee, kept only where the role rules admit them", async () => {
    const install = (employeeId: string, skill: string) =>
      testEnv.DB.prepare("INSERT INTO skill_installs (employee_id, skill_name, granted_by, installed_at) VALUES (?, ?, 'emp-jiade', ?)").bind(employeeId, skill, new Date().toISOString()).run();
    await install("emp-mike", "sap-connector");
    // Written straight into D1, past every API check: the plan still applies the rules, and blocked wins.
    await install("emp-kevin", "github");
    await install("emp-kevin", "transcript");
    const mike = await planFor("emp-mike");
    const kevin = skillNames(await planFor("emp-kevin"));
    expect(mike.skills.map((s) => s.name)).toContain("sap-connector");
    expect(mike.skills.find((s) => s.name === "sap-connector")).toEqual({ name: "sap-connector", description: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(kevin).not.toContain("github");
    // Open only to product and management: an installed skill the rules do not admit stays out too.
    expect(kevin).not.toContain("transcript");
  });

  it("never puts a skill that is not in the catalog into a plan, whatever a position lists", async () => {
    await testEnv.DB.prepare("UPDATE positions SET default_skills = json_insert(default_skills, '$[#]', 'ghost-skill') WHERE id = 'pos-fa'").run();
    const position = await testEnv.DB.prepare("SELECT default_skills FROM positions WHERE id = 'pos-fa'").first<{ default_skills: string }>();
    expect(JSON.parse(position!.default_skills)).toContain("ghost-skill");
    const carol = skillNames(await planFor("emp-carol"));
    expect(carol).not.toContain("ghost-skill");
    expect(carol).toEqual(acme.positions.find((p) => p.id === "pos-fa")!.defaultSkills.toSorted());
  });

  it("assigns knowledge by position, plus the company-wide bases", async () => {
    expect(kbIds(await planFor("emp-carol"))).toEqual(["kb-finance", "kb-onboarding", "kb-org-directory", "kb-policies"]);
    expect(kbIds(await planFor("emp-ryan"))).toEqual(expect.arrayContaining(["kb-arch", "kb-runbooks", "kb-product", "kb-org-directory"]));
    expect(kbIds(await planFor("emp-ryan"))).not.toContain("kb-finance");
  });

  it("carries the three SOUL layers, both AGENTS layers, identity and session context", async () => {
    const plan = await planFor("emp-carol");
    expect(plan.soul.global.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.soul.position).not.toBeNull();
    expect(plan.soul.personal).not.toBeNull();
    expect(plan.agents.position).not.toBeNull();
    expect(plan.identity).toMatchObject({ name: "Carol Zhang", employeeNumber: "EMP-016", position: { name: "Finance Analyst" }, company: "ACME Corp" });
    expect(plan.sessionContext).toContain("Carol Zhang");
    expect(plan.model).toMatchObject({ provider: "default", language: "en" });
  });

  it("generates the company directory from org data", async () => {
    const employee = await loadEmployee(testEnv.DB, "emp-carol");
    const { body, generated } = await buildPlanBase(testEnv.DB, employee!, "employee");
    const directory = body.knowledge.find((k) => k.kbId === "kb-org-directory")!;
    const text = generated.get(directory.sha256) ?? "";
    expect(text).toContain("**Ryan Park** — Software Engineer");
    expect(text.split("\n").filter((l) => l.startsWith("- **"))).toHaveLength(21);
  });
});

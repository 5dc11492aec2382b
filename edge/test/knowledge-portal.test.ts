import { beforeAll, describe, expect, it } from "vitest";
import { freshKnowledgeBase, nextPlan, planDocumentText } from "./knowledge-fixtures.ts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme } from "./seeded.ts";

type Api = ReturnType<typeof client>;
let sarah: Api; // Account Executive, Enterprise Sales
let carol: Api; // Finance Analyst
let jiade: Api; // admin, Solutions Architect

const listedIds = async (api: Api) => (await api.get("/api/portal/knowledge")).body.knowledgeBases.map((kb: { id: string }) => kb.id).sort();

describe("portal knowledge: an employee reads only what is assigned to them", () => {
  beforeAll(async () => {
    await seedAcme();
    sarah = client(await signInAs("emp-sarah"));
    carol = client(await signInAs("emp-carol"));
    jiade = client(await signInAs("emp-jiade"));
  });

  it("lists exactly the knowledge bases her agent's next plan carries, without who else has them", async () => {
    const res = await sarah.get("/api/portal/knowledge");
    expect(res.status).toBe(200);
    const planned = [...new Set((await nextPlan("emp-sarah")).body.knowledge.map((k) => k.kbId))].sort();
    expect(await listedIds(sarah)).toEqual(planned);
    expect(planned).toEqual(["kb-cases", "kb-onboarding", "kb-org-directory", "kb-policies"]);
    const cases = res.body.knowledgeBases.find((kb: { id: string }) => kb.id === "kb-cases");
    expect(cases.documents.map((d: { file: string }) => d.file)).toEqual(["case-bluepeak-retail.md", "case-harbor-mutual-bank.md"]);
    expect(cases).not.toHaveProperty("assignments");
  });

  it("reads a document of hers; anything else answers 404 exactly like something that does not exist", async () => {
    const own = await sarah.get("/api/portal/knowledge/kb-cases/documents/case-harbor-mutual-bank.md");
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ kbId: "kb-cases", file: "case-harbor-mutual-bank.md", text: expect.stringContaining("Harbor Mutual") });
    expect(own.body.text).toBe(await planDocumentText(await nextPlan("emp-sarah"), "knowledge/kb-cases/case-harbor-mutual-bank.md"));

    const foreign = await sarah.get("/api/portal/knowledge/kb-finance/documents/q3-financial-summary.md");
    const missing = await sarah.get("/api/portal/knowledge/kb-nowhere/documents/q3-financial-summary.md");
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await sarah.get("/api/portal/knowledge/kb-cases/documents/no-such-doc.md")).status).toBe(404);
    expect((await carol.get("/api/portal/knowledge/kb-finance/documents/q3-financial-summary.md")).status).toBe(200);
  });

  it("is the caller's own knowledge even for an admin, who reads others' through the admin API", async () => {
    expect(await listedIds(jiade)).not.toContain("kb-finance");
    expect((await jiade.get("/api/portal/knowledge/kb-finance/documents/q3-financial-summary.md")).status).toBe(404);
    expect((await jiade.get("/api/admin/knowledge-bases/kb-finance/documents/q3-financial-summary.md")).status).toBe(200);
  });

  it("follows assignments to one employee, and their removal", async () => {
    const kbId = await freshKnowledgeBase([], { document: "carol-only.md" });
    expect((await jiade.post(`/api/admin/knowledge-bases/${kbId}/assignments`, { scope: "employee", targetId: "emp-carol" })).status).toBe(201);
    expect(await listedIds(carol)).toContain(kbId);
    expect((await carol.get(`/api/portal/knowledge/${kbId}/documents/carol-only.md`)).status).toBe(200);
    expect((await sarah.get(`/api/portal/knowledge/${kbId}/documents/carol-only.md`)).status).toBe(404);
    expect(await listedIds(sarah)).not.toContain(kbId);
    expect((await jiade.delete(`/api/admin/knowledge-bases/${kbId}/assignments/employee/emp-carol`)).status).toBe(204);
    expect((await carol.get(`/api/portal/knowledge/${kbId}/documents/carol-only.md`)).status).toBe(404);
  });

  it("serves the company directory as the plan carries it", async () => {
    const res = await sarah.get("/api/portal/knowledge/kb-org-directory/documents/directory.md");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Company directory", uploadedBy: null });
    const plan = await nextPlan("emp-sarah");
    expect(res.body.text).toBe(await planDocumentText(plan, "knowledge/kb-org-directory/directory.md"));
    expect(res.body.sha256).toBe(plan.body.knowledge.find((k) => k.kbId === "kb-org-directory")!.sha256);
  });
});

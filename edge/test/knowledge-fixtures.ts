import { putBlob } from "@clawgate/durable-objects";
import { loadEmployee } from "../../durable-objects/src/turn/control-plane.ts";
import { buildPlanBase, type PlanBase } from "../../durable-objects/src/turn/plan-builder.ts";
import { request } from "./org-client.ts";
import { testEnv } from "./seeded.ts";

/**
 * Test-only: a knowledge base made directly in D1 (and R2), assigned to `positions`, optionally
 * with one document, so destructive API calls never touch the seeded ones.
 */
export async function freshKnowledgeBase(positions: string[], options: { document?: string } = {}): Promise<string> {
  const id = `kb-fx-${crypto.randomUUID().slice(0, 8)}`;
  const db = testEnv.DB;
  const now = new Date().toISOString();
  const statements = [db.prepare("INSERT INTO knowledge_bases (id, name, description, created_at) VALUES (?, ?, '', ?)").bind(id, `Fixture ${id}`, now)];
  for (const position of positions) statements.push(db.prepare("INSERT INTO kb_assignments (kb_id, scope, scope_id) VALUES (?, 'position', ?)").bind(id, position));
  if (options.document) {
    const text = `# ${options.document}\n\nFixture text of ${id}.\n`;
    statements.push(
      db.prepare("INSERT INTO kb_documents (kb_id, file, title, sha256, size, updated_at) VALUES (?, ?, ?, ?, ?, ?)").bind(id, options.document, options.document, await putBlob(testEnv.CONTENT, text), text.length, now),
    );
  }
  await db.batch(statements);
  return id;
}

/** The next plan of an employee, as their EmployeeAgent builds it on a new config version. */
export async function nextPlan(employeeId: string): Promise<PlanBase> {
  const employee = await loadEmployee(testEnv.DB, employeeId);
  if (!employee) throw new Error(`no ${employeeId}`);
  return buildPlanBase(testEnv.DB, employee, "employee");
}

/** The text a plan carries for a knowledge document: generated, or the R2 blob it names. */
export async function planDocumentText(plan: PlanBase, path: string): Promise<string | undefined> {
  const doc = plan.body.knowledge.find((k) => k.path === path);
  if (!doc) return undefined;
  const generated = plan.generated.get(doc.sha256);
  if (generated !== undefined) return generated;
  return (await testEnv.CONTENT.get(`blobs/${doc.sha256}`))?.text();
}

/** A markdown upload through the real Worker. */
export function upload(cookie: string, kbId: string, file: string, body: BodyInit, headers: Record<string, string> = {}) {
  return request(`/api/admin/knowledge-bases/${kbId}/documents/${file}`, {
    method: "PUT",
    headers: { cookie, "content-type": "text/markdown; charset=utf-8", accept: "application/json", ...headers },
    body,
  });
}

import { ulid } from "ulid";
import type { KbAssignment, KbAssignmentScope, KbDocumentContent, KbDocumentMeta, KnowledgeBase } from "@clawgate/contracts";
import { blobKey } from "@clawgate/durable-objects/content/blobs.ts";
import { ORG_DIRECTORY_KB } from "@clawgate/durable-objects/turn/org-directory.ts";
import { orgDirectoryDocument } from "./org-directory-document.ts";

/** D1 rows of the knowledge tables and their API shapes; document texts live in R2 by SHA-256. */

export interface KbRow {
  id: string;
  name: string;
  description: string;
  generated: number;
  created_at: string;
}

interface DocumentRow {
  kb_id: string;
  file: string;
  title: string;
  sha256: string;
  size: number;
  updated_at: string;
  uploaded_by: string | null;
}

interface AssignmentRow {
  kb_id: string;
  scope: KbAssignmentScope;
  scope_id: string;
  target_name: string | null;
  department_id: string | null;
}

/** An assignment with the department of its target, which decides whether a manager may see it. */
export type StoredAssignment = KbAssignment & { departmentId: string | null };

const KB_COLUMNS = "id, name, description, generated, created_at";
const DOCUMENT_COLUMNS = "kb_id, file, title, sha256, size, updated_at, uploaded_by";
const inList = "IN (SELECT value FROM json_each(?))";

/** A generated, never reused id that is also a valid workspace path segment. */
export const newKbId = () => `kb-${ulid().toLowerCase()}`;

export const isGenerated = (kb: KbRow) => kb.generated === 1;

export async function findKnowledgeBase(db: D1Database, id: string): Promise<KbRow | null> {
  return db.prepare(`SELECT ${KB_COLUMNS} FROM knowledge_bases WHERE id = ?`).bind(id).first<KbRow>();
}

/** Knowledge bases by id (null: all of them), by name. */
export async function queryKnowledgeBases(db: D1Database, ids: readonly string[] | null): Promise<KbRow[]> {
  const rows =
    ids === null
      ? await db.prepare(`SELECT ${KB_COLUMNS} FROM knowledge_bases ORDER BY name, id`).all<KbRow>()
      : await db.prepare(`SELECT ${KB_COLUMNS} FROM knowledge_bases WHERE id ${inList} ORDER BY name, id`).bind(JSON.stringify(ids)).all<KbRow>();
  return rows.results;
}

const toDocument = (r: DocumentRow): KbDocumentMeta => ({ file: r.file, title: r.title, sha256: r.sha256, size: r.size, updatedAt: r.updated_at, uploadedBy: r.uploaded_by });

export async function findDocument(db: D1Database, kbId: string, file: string): Promise<KbDocumentMeta | null> {
  const row = await db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM kb_documents WHERE kb_id = ? AND file = ?`).bind(kbId, file).first<DocumentRow>();
  return row ? toDocument(row) : null;
}

/** Documents per knowledge base; the generated directory's one document is rendered from org data. */
async function documentsOf(db: D1Database, kbs: readonly KbRow[]): Promise<Map<string, KbDocumentMeta[]>> {
  const rows = await db
    .prepare(`SELECT ${DOCUMENT_COLUMNS} FROM kb_documents WHERE kb_id ${inList} ORDER BY kb_id, file`)
    .bind(JSON.stringify(kbs.map((kb) => kb.id)))
    .all<DocumentRow>();
  const byKb = new Map<string, KbDocumentMeta[]>(kbs.map((kb) => [kb.id, []]));
  for (const row of rows.results) byKb.get(row.kb_id)?.push(toDocument(row));
  if (kbs.some((kb) => isGenerated(kb) && kb.id === ORG_DIRECTORY_KB)) byKb.set(ORG_DIRECTORY_KB, [(await orgDirectoryDocument(db)).meta]);
  return byKb;
}

const ASSIGNMENT_SELECT = `SELECT a.kb_id, a.scope, a.scope_id, COALESCE(p.name, e.name) AS target_name, COALESCE(p.department_id, e.department_id) AS department_id
  FROM kb_assignments a
  LEFT JOIN positions p ON a.scope = 'position' AND p.id = a.scope_id
  LEFT JOIN employees e ON a.scope = 'employee' AND e.id = a.scope_id`;

const toAssignment = (r: AssignmentRow): StoredAssignment => ({ scope: r.scope, targetId: r.scope_id, targetName: r.target_name, departmentId: r.department_id });

async function assignmentsOf(db: D1Database, kbIds: readonly string[]): Promise<Map<string, StoredAssignment[]>> {
  const rows = await db.prepare(`${ASSIGNMENT_SELECT} WHERE a.kb_id ${inList} ORDER BY a.kb_id, a.scope, a.scope_id`).bind(JSON.stringify(kbIds)).all<AssignmentRow>();
  const byKb = new Map<string, StoredAssignment[]>();
  for (const r of rows.results) {
    const list = byKb.get(r.kb_id) ?? [];
    list.push(toAssignment(r));
    byKb.set(r.kb_id, list);
  }
  return byKb;
}

export async function findAssignment(db: D1Database, kbId: string, scope: KbAssignmentScope, targetId: string): Promise<StoredAssignment | null> {
  const row = await db.prepare(`${ASSIGNMENT_SELECT} WHERE a.kb_id = ? AND a.scope = ? AND a.scope_id = ?`).bind(kbId, scope, targetId).first<AssignmentRow>();
  return row ? toAssignment(row) : null;
}

/** The API shape of knowledge bases, with only the assignments `showAssignment` admits. */
export async function describeKnowledgeBases(db: D1Database, kbs: readonly KbRow[], showAssignment: (a: StoredAssignment) => boolean): Promise<KnowledgeBase[]> {
  if (!kbs.length) return [];
  const [documents, assignments] = await Promise.all([documentsOf(db, kbs), assignmentsOf(db, kbs.map((kb) => kb.id))]);
  return kbs.map((kb) => ({
    id: kb.id,
    name: kb.name,
    description: kb.description,
    generated: isGenerated(kb),
    createdAt: kb.created_at,
    documents: documents.get(kb.id) ?? [],
    assignments: (assignments.get(kb.id) ?? []).filter(showAssignment).map(({ scope, targetId, targetName }) => ({ scope, targetId, targetName })),
  }));
}

/** A document with its text: the generated directory rendered from org data, any other read from R2 by hash. */
export async function readDocument(db: D1Database, bucket: R2Bucket, kb: KbRow, file: string): Promise<KbDocumentContent | null> {
  if (isGenerated(kb)) {
    if (kb.id !== ORG_DIRECTORY_KB) return null;
    const directory = await orgDirectoryDocument(db);
    return directory.meta.file === file ? { kbId: kb.id, ...directory.meta, text: directory.text } : null;
  }
  const meta = await findDocument(db, kb.id, file);
  if (!meta) return null;
  const object = await bucket.get(blobKey(meta.sha256));
  if (!object) throw new Error(`knowledge document ${kb.id}/${file} (${meta.sha256}) is missing from R2`);
  return { kbId: kb.id, ...meta, text: await object.text() };
}

import { z } from "zod";
import { Sha256 } from "./common.ts";

/**
 * Knowledge bases (`/api/admin/knowledge-bases`, `/api/portal/knowledge`): markdown documents in
 * R2 by SHA-256, metadata and assignments in D1; every assigned document reaches the workspace plan.
 */

/** The largest document accepted: 1 MB = 1,048,576 bytes of UTF-8 markdown. */
export const KB_DOCUMENT_MAX_BYTES = 1024 * 1024;

// KB names and document titles are listed in AGENTS.md, one per line: a line break would let a
// name write its own instructions into every agent's prompt.
const OneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, "must be one line without control characters");

/** Ids end up in workspace paths (`knowledge/<kbId>/…`), so they are lowercase slugs. */
export const KbId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a knowledge base id such as kb-policies");

/** A document's file name inside its knowledge base; the workspace path is `knowledge/<kbId>/<file>`. */
export const KbDocumentFile = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.md$/, "a markdown file name such as leave-policy.md: letters, digits, '.', '_' or '-', ending in .md");

export const KbAssignmentScope = z.enum(["everyone", "position", "employee"]);
export type KbAssignmentScope = z.infer<typeof KbAssignmentScope>;

export const KbAssignment = z
  .object({
    scope: KbAssignmentScope,
    /** `*` for everyone, else the position or employee id. */
    targetId: z.string(),
    /** The position's or employee's name; null for everyone. */
    targetName: z.string().nullable(),
  })
  .meta({ id: "KbAssignment" });
export type KbAssignment = z.infer<typeof KbAssignment>;

export const KbDocumentMeta = z
  .object({
    file: z.string(),
    title: z.string(),
    sha256: Sha256,
    /** Bytes of UTF-8. */
    size: z.number().int(),
    updatedAt: z.string(),
    /** Employee id of whoever uploaded this version; null for seeded and generated documents. */
    uploadedBy: z.string().nullable(),
  })
  .meta({ id: "KbDocument" });
export type KbDocumentMeta = z.infer<typeof KbDocumentMeta>;

export const KnowledgeBase = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    /** True for the company directory: its one document is generated from org data, never uploaded. */
    generated: z.boolean(),
    createdAt: z.string(),
    documents: z.array(KbDocumentMeta),
    /** For a manager, only the assignments within their reach. */
    assignments: z.array(KbAssignment),
  })
  .meta({ id: "KnowledgeBase" });
export type KnowledgeBase = z.infer<typeof KnowledgeBase>;

export const KnowledgeBaseList = z.object({ knowledgeBases: z.array(KnowledgeBase) });

export const CreateKnowledgeBase = z.object({
  name: OneLine(120),
  description: z.string().trim().max(1000).default(""),
});
export type CreateKnowledgeBase = z.infer<typeof CreateKnowledgeBase>;

export const UpdateKnowledgeBase = z
  .object({ name: OneLine(120), description: z.string().trim().max(1000) })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "name at least one field to change");
export type UpdateKnowledgeBase = z.infer<typeof UpdateKnowledgeBase>;

export const KbIdParam = z.object({ id: KbId });
export const KbDocumentParams = z.object({ id: KbId, file: KbDocumentFile });

/** Upload options; without a title the document's first heading is used, else its file name. */
export const UploadKbDocumentQuery = z.object({ title: OneLine(200).optional() });

export const KbDocumentContent = KbDocumentMeta.extend({ kbId: z.string(), text: z.string() }).meta({ id: "KbDocumentContent" });
export type KbDocumentContent = z.infer<typeof KbDocumentContent>;

const Ref = z.string().trim().min(1).max(64);

export const CreateKbAssignment = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("everyone") }),
  z.object({ scope: z.literal("position"), targetId: Ref }),
  z.object({ scope: z.literal("employee"), targetId: Ref }),
]);
export type CreateKbAssignment = z.infer<typeof CreateKbAssignment>;

export const KbAssignmentParams = z.object({ id: KbId, scope: KbAssignmentScope, targetId: Ref });

export const KnowledgeBaseDeleted = z.object({
  deleted: z.object({ knowledgeBase: z.string(), documents: z.number().int(), assignments: z.number().int() }),
});

/** What the portal shows an employee: the knowledge bases assigned to them, without who else has them. */
export const PortalKnowledgeBase = KnowledgeBase.omit({ assignments: true, generated: true }).meta({ id: "PortalKnowledgeBase" });
export const PortalKnowledgeList = z.object({ knowledgeBases: z.array(PortalKnowledgeBase) });
export type PortalKnowledgeBase = z.infer<typeof PortalKnowledgeBase>;

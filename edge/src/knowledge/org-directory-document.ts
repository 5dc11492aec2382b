import { sha256Hex, type KbDocumentMeta } from "@clawgate/contracts";
import { companyName, ORG_DIRECTORY_FILE, ORG_DIRECTORY_TITLE, orgDirectoryText } from "@clawgate/durable-objects/turn/org-directory.ts";

/**
 * The company directory as the knowledge API shows it: the very text the next plan carries,
 * rendered from org data now (it is never stored, so it is never stale).
 */
export async function orgDirectoryDocument(db: D1Database): Promise<{ meta: KbDocumentMeta; text: string }> {
  const text = await orgDirectoryText(db, await companyName(db));
  const meta: KbDocumentMeta = {
    file: ORG_DIRECTORY_FILE,
    title: ORG_DIRECTORY_TITLE,
    sha256: await sha256Hex(text),
    size: new TextEncoder().encode(text).byteLength,
    updatedAt: new Date().toISOString(),
    uploadedBy: null,
  };
  return { meta, text };
}

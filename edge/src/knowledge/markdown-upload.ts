import { KB_DOCUMENT_MAX_BYTES } from "@clawgate/contracts";
import { ApiFailure } from "../http/errors.ts";

/** Media types a markdown upload may declare; the file name must end in .md as well. */
const MARKDOWN_TYPES = new Set(["text/markdown", "text/x-markdown", "text/plain"]);

export const documentTooLarge = () =>
  new ApiFailure(
    413,
    "payload_too_large",
    `A document may be at most 1 MB (${KB_DOCUMENT_MAX_BYTES.toLocaleString("en-US")} bytes) of markdown; split it into smaller documents.`,
  );

/**
 * The markdown body of an upload, as text. Checked before anything is stored:
 * - the declared media type (415 unless text/markdown, text/x-markdown or text/plain, UTF-8);
 * - the size (413): a declared Content-Length over the limit is refused before a byte is read,
 *   and the stream is cut off as soon as it passes the limit, so an oversized or lying upload
 *   never sits in memory whole;
 * - the content (400): valid UTF-8, not empty, no NUL bytes (binary files renamed to .md).
 */
export async function readMarkdownUpload(request: Request, maxBytes = KB_DOCUMENT_MAX_BYTES): Promise<{ text: string; size: number }> {
  checkMediaType(request.headers.get("content-type"));
  const bytes = await readCapped(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiFailure(400, "invalid_request", "The document is not valid UTF-8 text.");
  }
  if (text.includes("\u0000")) throw new ApiFailure(400, "invalid_request", "The document contains NUL bytes; upload markdown text, not a binary file.");
  if (!text.trim()) throw new ApiFailure(400, "invalid_request", "The document is empty.");
  // The decoder drops a byte-order mark; the stored size is that of the text actually kept.
  return { text, size: new TextEncoder().encode(text).byteLength };
}

function checkMediaType(header: string | null): void {
  const [essence = "", ...params] = (header ?? "").split(";").map((part) => part.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "");
  if (!MARKDOWN_TYPES.has(essence) || (charset !== undefined && charset !== "utf-8")) {
    throw new ApiFailure(415, "unsupported_media_type", "Upload the document as UTF-8 markdown: Content-Type text/markdown (or text/plain), charset utf-8.");
  }
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel();
    throw documentTooLarge();
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw documentTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

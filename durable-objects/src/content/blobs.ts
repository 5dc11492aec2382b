import { sha256Hex } from "@clawgate/contracts";

/** Content-addressed texts in R2 (`blobs/<sha256>`): SOUL layers, KB documents, skills, memory files. */
export const blobKey = (hash: string) => `blobs/${hash}`;

export async function putBlob(bucket: R2Bucket, text: string): Promise<string> {
  const hash = await sha256Hex(text);
  const key = blobKey(hash);
  if (!(await bucket.head(key))) await bucket.put(key, text, { httpMetadata: { contentType: "text/markdown; charset=utf-8" } });
  return hash;
}

/** Reads blobs by hash, remembering them for the life of the object (they are immutable). */
export class BlobReader {
  readonly #cache = new Map<string, string>();
  readonly #bucket: R2Bucket;

  constructor(bucket: R2Bucket) {
    this.#bucket = bucket;
  }

  remember(hash: string, text: string): void {
    this.#cache.set(hash, text);
  }

  async get(hash: string): Promise<string> {
    const cached = this.#cache.get(hash);
    if (cached !== undefined) return cached;
    const object = await this.#bucket.get(blobKey(hash));
    if (!object) throw new Error(`content blob ${hash} is missing from R2`);
    const text = await object.text();
    this.#cache.set(hash, text);
    return text;
  }
}

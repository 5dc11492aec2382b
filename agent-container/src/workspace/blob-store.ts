import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export class BlobHashMismatch extends Error {}

/**
 * Content-addressed cache of plan blobs, and of plans themselves (their canonical JSON, keyed by
 * planVersion); on disk so a restarted container need not ask again.
 */
export class BlobStore {
  readonly #memory = new Map<string, string>();

  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async put(hash: string, text: string): Promise<void> {
    await this.putAll([[hash, text]]);
  }

  /** Checks every hash before storing any, so a request with one bad blob changes nothing. */
  async putAll(entries: ReadonlyArray<readonly [hash: string, text: string]>): Promise<void> {
    for (const [hash, text] of entries) {
      if (sha256(text) !== hash) throw new BlobHashMismatch(`blob ${hash.slice(0, 12)}… does not match its content`);
    }
    const fresh = entries.filter(([hash]) => !this.#memory.has(hash));
    if (fresh.length) await mkdir(this.#dir, { recursive: true });
    for (const [hash, text] of fresh) {
      // Unique per write: two sessions may push the same blob at the same moment.
      const temp = join(this.#dir, `${hash}.tmp-${randomUUID()}`);
      await writeFile(temp, text, "utf8");
      await rename(temp, join(this.#dir, hash));
      this.#memory.set(hash, text);
    }
  }

  async get(hash: string): Promise<string | undefined> {
    const cached = this.#memory.get(hash);
    if (cached !== undefined) return cached;
    try {
      const text = await readFile(join(this.#dir, hash), "utf8");
      if (sha256(text) !== hash) return undefined;
      this.#memory.set(hash, text);
      return text;
    } catch {
      return undefined;
    }
  }

  async missing(hashes: readonly string[]): Promise<string[]> {
    const absent: string[] = [];
    for (const hash of hashes) if ((await this.get(hash)) === undefined) absent.push(hash);
    return absent;
  }

  /** Resolves every hash, or throws: call `missing` first. */
  async texts(hashes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const hash of hashes) {
      const text = await this.get(hash);
      if (text === undefined) throw new Error(`blob ${hash} is not held`);
      out.set(hash, text);
    }
    return out;
  }
}

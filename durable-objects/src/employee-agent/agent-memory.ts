import { sha256Hex, type MemoryChange, type MemoryCheckpoint, type MemoryView } from "@clawgate/contracts";
import type { BlobReader } from "../content/blobs.ts";
import { writeMemoryCheckpoint } from "../turn/persist.ts";
import type { TurnStore } from "./turn-store.ts";

/** The files the profile page shows first, in this order; memory/*.md follow by name. */
const LEADING_FILES = ["MEMORY.md", "USER.md", "HEARTBEAT.md"];

/**
 * The agent's memory: a checkpoint in R2 (one manifest per write, files content-addressed) and its
 * pointer in the object's SQLite. Written by turns on memory-writing paths and by the employee in
 * the portal; writes are serialized, so two writers never both build on the same checkpoint and
 * lose one another's change.
 */
export class AgentMemory {
  readonly #store: TurnStore;
  readonly #blobs: BlobReader;
  readonly #bucket: R2Bucket;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(store: TurnStore, blobs: BlobReader, bucket: R2Bucket) {
    this.#store = store;
    this.#blobs = blobs;
    this.#bucket = bucket;
  }

  checkpoint(): MemoryCheckpoint {
    return this.#store.memory();
  }

  /** Writes a new checkpoint with `changes` over the current one; `writer` (a turn id, or who edited it) goes in the manifest. */
  write(employeeId: string, writer: string, changes: MemoryChange[]): Promise<void> {
    const write = this.#writing.then(async () => {
      const checkpoint = await writeMemoryCheckpoint(this.#bucket, employeeId, writer, this.#store.memory(), changes);
      const hashes = new Map(checkpoint.files.map((f) => [f.path, f.sha256]));
      for (const change of changes) this.#blobs.remember(hashes.get(change.path)!, change.text);
      this.#store.setMemory(checkpoint.files, checkpoint.path, checkpoint.sha256, new Date().toISOString());
    });
    this.#writing = write.catch(() => undefined);
    return write;
  }

  /** One file edited by the employee: replaces it whole. */
  async writeFile(employeeId: string, path: string, text: string, writer: string): Promise<void> {
    await this.write(employeeId, writer, [{ path, text, sha256: await sha256Hex(text) }]);
  }

  /** A file's current text, or null when the checkpoint has no such file. */
  async text(path: string): Promise<string | null> {
    const file = this.#store.memory().files.find((f) => f.path === path);
    return file ? this.#blobs.get(file.sha256) : null;
  }

  /** The checkpoint's files; `defaults` stand in for files it does not have (what the workspace renders instead). */
  async view(defaults: Record<string, string> = {}): Promise<MemoryView> {
    const order = (path: string) => (LEADING_FILES.includes(path) ? LEADING_FILES.indexOf(path) : LEADING_FILES.length);
    const stored = this.#store.memory().files;
    const read = async (f: { path: string; sha256: string }) => ({ path: f.path, text: await this.#blobs.get(f.sha256) });
    const files = [
      ...(await Promise.all(stored.map(read))),
      ...Object.entries(defaults).filter(([path]) => !stored.some((f) => f.path === path)).map(([path, text]) => ({ path, text })),
    ].sort((a, b) => order(a.path) - order(b.path) || a.path.localeCompare(b.path));
    const encoder = new TextEncoder();
    return {
      files: files.map((f) => ({ ...f, bytes: encoder.encode(f.text).byteLength })),
      updatedAt: this.#store.meta("memory_updated_at"),
    };
  }
}

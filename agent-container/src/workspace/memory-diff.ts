import { join, relative } from "node:path";
import type { MemoryChange } from "@clawgate/contracts";
import { isMemoryPath } from "@clawgate/contracts";
import { listFiles, readOptional } from "./assembler.ts";
import { sha256 } from "./blob-store.ts";

/** Memory files the turn created or changed, compared with the checkpoint the plan carried in. */
export async function memoryChanges(dir: string, before: ReadonlyMap<string, string>): Promise<MemoryChange[]> {
  const candidates = ["MEMORY.md", "USER.md", "HEARTBEAT.md", ...(await listFiles(join(dir, "memory"))).map((f) => relative(dir, f))];
  const changes: MemoryChange[] = [];
  for (const path of candidates) {
    if (!isMemoryPath(path)) continue;
    const text = await readOptional(join(dir, path));
    if (text === undefined || text === before.get(path)) continue;
    changes.push({ path, sha256: sha256(text), text });
  }
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}

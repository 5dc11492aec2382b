import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { WorkspacePlan } from "@clawgate/contracts";
import { renderWorkspace, type Blobs } from "./render.ts";

/** Folders the assembler owns: anything there that the plan does not name is removed. */
const OWNED_DIRS = ["knowledge", "skills", "memory"];
const PARALLEL_FILES = 16;

export interface AssemblyReport {
  written: string[];
  removed: string[];
}

/**
 * Makes `dir` match the plan exactly. Idempotent: files are rendered from the plan (never
 * appended to), and a file whose content already matches is not touched, so a warm session
 * with an unchanged plan writes nothing.
 */
export async function assembleWorkspace(dir: string, plan: WorkspacePlan, blobs: Blobs): Promise<AssemblyReport> {
  const desired = renderWorkspace(plan, blobs);
  // memory/ exists from the start, so the agent's first daily note has somewhere to go.
  const folders = new Set([join(dir, "memory"), ...[...desired.keys()].map((path) => dirname(join(dir, path)))]);
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  const written: string[] = [];
  // Files are independent, so several are compared and written at once (a cold 2 MB workspace
  // is ~100 files); the pool keeps the number of open files bounded.
  await eachWithLimit([...desired], PARALLEL_FILES, async ([path, content]) => {
    const target = join(dir, path);
    if ((await readOptional(target)) === content) return;
    await writeFile(target, content, "utf8");
    written.push(path);
  });
  const removed: string[] = [];
  for (const owned of OWNED_DIRS) {
    for (const file of await listFiles(join(dir, owned))) {
      const path = relative(dir, file);
      if (!desired.has(path)) {
        await rm(file, { force: true });
        removed.push(path);
      }
    }
  }
  return { written: written.sort(), removed: removed.sort() };
}

export async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

export async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function eachWithLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

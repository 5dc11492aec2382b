import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { WorkspacePlan } from "@clawgate/contracts";
import { renderWorkspace, type Blobs } from "./render.ts";

/** Folders the assembler owns: anything there that the plan does not name is removed. */
const OWNED_DIRS = ["knowledge", "skills", "memory"];

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
  await mkdir(join(dir, "memory"), { recursive: true });
  const written: string[] = [];
  for (const [path, content] of desired) {
    const target = join(dir, path);
    if ((await readOptional(target)) === content) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content, "utf8");
    written.push(path);
  }
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

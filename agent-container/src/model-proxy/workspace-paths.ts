import { realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";

/**
 * Where a path from a tool call lands, as a workspace-relative POSIX path, or null when it lands
 * outside the workspace. Judged the way the file system will see it: relative paths against the
 * workspace, `..` normalised away, and symlinks followed (through the deepest part of the path that
 * exists), so neither `memory/../../other-session` nor a symlink planted in the workspace gets out.
 */
export function workspaceRelative(workspace: string, path: string): string | null {
  if (path.startsWith("~")) return null;
  const root = resolve(workspace);
  const lexical = inside(root, resolve(root, path));
  if (lexical === null) return null;
  const realRoot = realOrNull(root);
  // A workspace that does not exist yet holds no symlinks: the lexical answer is the answer.
  if (realRoot === null) return lexical;
  return inside(realRoot, realThroughExisting(resolve(root, path)));
}

/** Without a workspace to resolve against, only plainly relative paths that stay put are accepted. */
export function plainRelative(path: string): string | null {
  if (path.startsWith("~") || isAbsolute(path)) return null;
  const normalised = posix.normalize(path.replaceAll("\\", "/"));
  if (normalised === ".." || normalised.startsWith("../")) return null;
  return normalised === "." ? "" : normalised.replace(/^\.\//, "");
}

function inside(root: string, target: string): string | null {
  const rel = relative(root, target);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel.split(sep).join("/");
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** The real path of `target`: its deepest existing ancestor resolved, with the missing tail appended. */
function realThroughExisting(target: string): string {
  const tail: string[] = [];
  let current = target;
  for (;;) {
    const real = realOrNull(current);
    if (real !== null) return tail.length ? join(real, ...tail.reverse()) : real;
    const parent = dirname(current);
    if (parent === current) return target;
    tail.push(basename(current));
    current = parent;
  }
}

import { ApiFailure } from "../http/errors.ts";

/**
 * Names that read the same as a catalog skill's: `git-hub`, `g1thub` or `github_` would pass for
 * `github` in a list, so a new skill may not take one. The skeleton folds separators and the
 * usual digit-for-letter swaps; two names with the same skeleton are the same name to a reader.
 */
const CONFUSABLE: [RegExp, string][] = [
  [/0/g, "o"],
  [/[1|]/g, "l"],
  [/3/g, "e"],
  [/4/g, "a"],
  [/5/g, "s"],
  [/7/g, "t"],
  [/rn/g, "m"],
  [/vv/g, "w"],
];

export function nameSkeleton(name: string): string {
  let skeleton = name.toLowerCase().replace(/[-_.\s]/g, "");
  for (const [pattern, letter] of CONFUSABLE) skeleton = skeleton.replace(pattern, letter);
  return skeleton.replace(/i/g, "l");
}

/** The catalog name `name` would be mistaken for, if any (itself included). */
export function lookalikeOf(name: string, catalog: readonly string[]): string | null {
  const skeleton = nameSkeleton(name);
  return catalog.find((existing) => nameSkeleton(existing) === skeleton) ?? null;
}

/** 409 when a new skill's name is taken, or reads the same as a catalog skill's (a lookalike would inherit its trust, not its rules). */
export async function assertNameAvailable(db: D1Database, name: string): Promise<void> {
  const rows = await db.prepare("SELECT name FROM skills").all<{ name: string }>();
  const clash = lookalikeOf(name, rows.results.map((r) => r.name));
  if (clash === name) throw new ApiFailure(409, "conflict", `The catalog already has a skill named ${name}; a new version of it is an admin's update, not a new package.`);
  if (clash) throw new ApiFailure(409, "conflict", `${name} reads the same as the catalog skill ${clash}; choose a clearly different name.`);
}

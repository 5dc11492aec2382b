import type { SkillCheckFailure, SkillPackage } from "@clawgate/contracts";
import { ApiFailure } from "../http/errors.ts";
import { installStepViolations } from "./install-steps.ts";
import { undeclaredPermissions } from "./permission-signals.ts";
import { secretViolations } from "./secret-scan.ts";
import { bodyLines, frontmatterEntry, splitSkillMd, type BodyLine } from "./skill-md.ts";

/**
 * The automatic checks every package passes before it can enter the catalog — on submission, again
 * when an admin approves it (the checks may have tightened meanwhile), and for an admin's own
 * catalog writes. The manifest itself is validated by its zod schema before these run.
 */

/** SKILL.md budget: the plan pushes it to every workspace that has the skill and OpenClaw lists it to the model. */
export const SKILL_MD_MAX_BYTES = 32 * 1024;

const FRONTMATTER_KEYS = ["name", "description"];

function frontmatterProblems(pkg: SkillPackage, frontmatter: string[] | null, body: string): string[] {
  if (!frontmatter) return ["SKILL.md must start with a frontmatter block (--- name, description ---)"];
  const problems: string[] = [];
  const values = new Map<string, string>();
  for (const [i, line] of frontmatter.entries()) {
    if (!line.trim()) continue;
    const entry = frontmatterEntry(line);
    if (!entry || !FRONTMATTER_KEYS.includes(entry.key) || values.has(entry.key)) {
      problems.push(`line ${i + 2}: the frontmatter may hold only name and description, once each; gating, installers and command dispatch are decided by the platform`);
      continue;
    }
    values.set(entry.key, entry.value);
  }
  if (values.get("name") !== pkg.manifest.name) problems.push(`the frontmatter name must be the manifest's name "${pkg.manifest.name}"`);
  if (values.get("description") !== pkg.manifest.description) problems.push("the frontmatter description must equal the manifest's description");
  if (!body.trim()) problems.push("SKILL.md has no instructions after its frontmatter");
  return problems;
}

/** The description as a prose line (at its frontmatter line): it tells the model what the skill does, so it is evidence too. */
function descriptionLine(pkg: SkillPackage, frontmatter: string[] | null): BodyLine {
  const index = frontmatter?.findIndex((line) => frontmatterEntry(line)?.key === "description") ?? -1;
  return { number: index >= 0 ? index + 2 : 1, text: pkg.manifest.description, codeInfo: null, installSection: false };
}

export function reviewPackage(pkg: SkillPackage): SkillCheckFailure[] {
  const failures: SkillCheckFailure[] = [];
  const add = (check: SkillCheckFailure["check"], messages: string[]) => messages.forEach((message) => failures.push({ check, message }));
  const bytes = new TextEncoder().encode(pkg.skillMd).length;
  if (bytes > SKILL_MD_MAX_BYTES) add("size", [`SKILL.md is ${bytes} bytes; the limit is ${SKILL_MD_MAX_BYTES}`]);
  const parts = splitSkillMd(pkg.skillMd);
  const lines = bodyLines(parts);
  add("frontmatter", frontmatterProblems(pkg, parts.frontmatter, parts.body));
  add("install_steps", installStepViolations(parts.frontmatter, lines));
  add("permissions", undeclaredPermissions([descriptionLine(pkg, parts.frontmatter), ...lines], pkg.manifest.permissions));
  add("secrets", secretViolations(lines, pkg.manifest.requiredSecrets));
  return failures;
}

/** 422 with every failed check when the package is not acceptable; nothing is stored. */
export function assertPackagePasses(pkg: SkillPackage): void {
  const failures = reviewPackage(pkg);
  if (!failures.length) return;
  throw new ApiFailure(422, "skill_rejected", `The package failed ${failures.length} automatic check(s): ${failures[0]!.message}`, { failures });
}

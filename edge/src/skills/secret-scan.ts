import type { BodyLine } from "./skill-md.ts";

/**
 * Secrets in a skill's text: every secret it reads from its environment must be declared (so an
 * admin knows to set it), and no credential may be written into the package itself — packages are
 * shown to reviewers, stored in R2 and copied into workspaces. Messages never repeat the value.
 */

/** `$NAME` or `${NAME}` whose name says it holds a secret. */
const SECRET_REFERENCE = /\$\{?([A-Z][A-Z0-9_]*)\}?/g;
const SECRET_WORD = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL/;

const EMBEDDED: [string, RegExp][] = [
  ["an AWS access key id", /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["a GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ["a Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ["an API key", /\bsk-[A-Za-z0-9_-]{20,}\b/],
  ["a credential assignment", /\b(?:api[_-]?key|access[_-]?token|secret|password|passwd)\b\s*[:=]\s*["'][^"'\s]{12,}["']/i],
];

export function secretViolations(lines: BodyLine[], declared: readonly string[]): string[] {
  const found: string[] = [];
  const undeclared = new Set<string>();
  for (const line of lines) {
    for (const match of line.text.matchAll(SECRET_REFERENCE)) {
      const name = match[1]!;
      if (SECRET_WORD.test(name) && !declared.includes(name) && !undeclared.has(name)) {
        undeclared.add(name);
        found.push(`line ${line.number}: reads the secret ${name}, which the manifest does not list in requiredSecrets`);
      }
    }
    for (const [what, pattern] of EMBEDDED) {
      if (pattern.test(line.text)) found.push(`line ${line.number}: contains ${what}; credentials are set by admins as skill secrets, never written into a package`);
    }
  }
  return found;
}

import { frontmatterEntry, inlineCode, type BodyLine } from "./skill-md.ts";

/**
 * The "no install-time commands" rule. A skill is instructions only: nothing is installed or run
 * when it enters a workspace, and its text must not walk the agent through installing software.
 * A package is rejected when
 * 1. anywhere in SKILL.md, a download is fed straight into an interpreter (`curl … | sh`,
 *    `bash <(wget …)`, `sh -c "$(curl …)"`, `iex (irm …)`) — always remote code execution;
 * 2. a package-manager or skill install command (`npm install`, `pip install`, `brew install`,
 *    `apt-get install`, `go install`, `cargo install`, `npx -y`, `openclaw skills install`, …)
 *    appears in a fenced code block, in inline code, or anywhere in a section whose heading
 *    announces installation or setup (Install, Installation, Setup, Getting started,
 *    Prerequisites, Requirements, Dependencies, Bootstrap). Prose elsewhere may mention such a
 *    command ("never run npm install here") without being rejected;
 * 3. the frontmatter declares an installer (OpenClaw's `metadata.openclaw.install` or any
 *    `install` key). Install fields in the manifest are refused by its strict schema.
 */

const DOWNLOAD = String.raw`(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)`;
const INTERPRETER = String.raw`(?:sh|bash|zsh|dash|ksh|fish|python[0-9.]*|node|perl|ruby|php|iex|invoke-expression|pwsh|powershell)`;

const REMOTE_EXECUTION = [
  new RegExp(String.raw`\b${DOWNLOAD}\b[^\n|]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?${INTERPRETER}\b`, "i"),
  new RegExp(String.raw`\b${INTERPRETER}\s+(?:-\w+\s+)*["']?\$\(\s*${DOWNLOAD}\b`, "i"),
  new RegExp(String.raw`<\(\s*${DOWNLOAD}\b`, "i"),
  new RegExp(String.raw`\b(?:iex|invoke-expression)\b[^\n]*\b${DOWNLOAD}\b`, "i"),
];

const INSTALL_COMMANDS = [
  /\b(?:npm|pnpm|yarn|bun)\s+(?:(?:-g|--global)\s+)?(?:i|install|add|ci)\b/i,
  /\bnpx\s+(?:-y|--yes)\b/i,
  /\b(?:pip[0-9.]*|pipx|uv\s+pip|uv\s+tool|poetry|conda|mamba)\s+(?:install|add)\b/i,
  /\bpython[0-9.]*\s+-m\s+pip\s+install\b/i,
  /\b(?:brew|apt|apt-get|yum|dnf|apk|snap|choco|winget|port|zypper|nix-env)\s+(?:install|add|-i)\b/i,
  /\bpacman\s+-S/,
  /\b(?:go|cargo|gem|dotnet\s+tool)\s+install\b/i,
  /\b(?:openclaw\s+skills|clawhub)\s+install\b/i,
];

const firstMatch = (patterns: RegExp[], text: string) => {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return null;
};

/** Every violation of the rule, as messages naming the line and the offending command. */
export function installStepViolations(frontmatter: string[] | null, lines: BodyLine[]): string[] {
  const found: string[] = [];
  for (const [i, line] of (frontmatter ?? []).entries()) {
    if (/["']?\binstall\w*["']?\s*:/i.test(line) || frontmatterEntry(line)?.key.toLowerCase() === "install") {
      found.push(`line ${i + 2}: the frontmatter declares an installer; skills never install anything`);
    }
  }
  for (const line of lines) {
    const remote = firstMatch(REMOTE_EXECUTION, line.text);
    if (remote) {
      found.push(`line ${line.number}: runs downloaded code ("${remote}")`);
      continue;
    }
    const where = line.codeInfo !== null ? "a code block" : line.installSection ? "an install or setup section" : null;
    const candidates = where ? [line.text] : inlineCode(line.text);
    for (const text of candidates) {
      const command = firstMatch(INSTALL_COMMANDS, text);
      if (command) {
        found.push(`line ${line.number}: installs software ("${command}") in ${where ?? "inline code"}`);
        break;
      }
    }
  }
  return found;
}

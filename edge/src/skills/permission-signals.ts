import type { Capability } from "@clawgate/contracts";
import type { BodyLine } from "./skill-md.ts";

/**
 * "Declared permissions consistent with content": what a skill's text instructs the agent to do
 * must be declared in its manifest, so reviewers and admins see what it relies on before it
 * reaches anyone. Declaring more than the text shows is allowed; using an undeclared capability
 * is not. (A declaration never grants a tool: the position's tool policy decides at run time.)
 *
 * Evidence per capability:
 * - shell: a fenced block tagged sh/bash/shell/zsh/console/powershell/cmd, a `$ ` prompt line in
 *   any code block, or prose that names a CLI, the command line, a terminal or shell commands;
 * - code_execution: a fenced block tagged with a programming language (python, javascript, …),
 *   or prose telling it to run or execute code, a script or a program;
 * - browser: prose about a browser, clicking, screenshots or headless pages;
 * - web_search: prose about searching the web, web searches, crawling or fetching pages and URLs;
 * - file_write: prose telling it to save, write, store or upload files or to the workspace.
 * The description (what OpenClaw lists to the model) is read as prose too.
 * `file` (read inside the workspace) is always granted, so it needs no evidence.
 */

const SHELL_BLOCKS = new Set(["sh", "bash", "shell", "zsh", "console", "terminal", "powershell", "pwsh", "ps1", "cmd", "bat"]);
const CODE_BLOCKS = new Set(["python", "py", "javascript", "js", "node", "typescript", "ts", "ruby", "rb", "perl", "php", "go", "rust", "java"]);

const PROSE: [Capability, RegExp][] = [
  ["shell", /\bCLIs?\b/],
  ["shell", /\b(?:command[- ]line|terminal|shell commands?|run (?:the |this |these |a )?commands?)\b/i],
  ["code_execution", /\b(?:run|execute)s?\s+(?:the |this |a |some |your )?(?:python|javascript|typescript|node(?:\.js)?|code|scripts?|programs?)\b/i],
  ["browser", /\b(?:browsers?|click(?:s|ing)?\s+(?:on|the)|screenshots?|headless)\b/i],
  ["web_search", /\b(?:search(?:es|ing)?\s+the\s+(?:web|internet)|web\s+search(?:es)?|crawl(?:s|ing|er)?|fetch(?:es|ing)?\s+(?:the |a |any )?(?:urls?|pages?|web ?pages?|sites?|websites?))\b/i],
  // An instruction (a sentence or list item opening with the verb, or "you … save"), not a mention like "flag file writes".
  ["file_write", /(?:^\s*(?:[-*+]|\d+\.)?\s*|[.:;!]\s+|\byou\s+(?:can\s+|may\s+|should\s+|must\s+)?)(?:save|write|store|upload)\b[^.\n]{0,40}?\b(?:files?|workspace|disk|folder)\b/i],
];

export interface PermissionEvidence {
  permission: Capability;
  line: number;
  /** What gave it away: the code block tag or the matched words. */
  evidence: string;
}

/** The first evidence of each capability the text relies on. */
export function permissionEvidence(lines: BodyLine[]): PermissionEvidence[] {
  const found = new Map<Capability, PermissionEvidence>();
  const note = (permission: Capability, line: number, evidence: string) => {
    if (!found.has(permission)) found.set(permission, { permission, line, evidence });
  };
  for (const line of lines) {
    if (line.codeInfo !== null) {
      if (SHELL_BLOCKS.has(line.codeInfo)) note("shell", line.number, `a ${line.codeInfo} code block`);
      else if (/^\s*\$\s+\S/.test(line.text)) note("shell", line.number, "a shell prompt in a code block");
      if (CODE_BLOCKS.has(line.codeInfo)) note("code_execution", line.number, `a ${line.codeInfo} code block`);
      continue;
    }
    for (const [permission, pattern] of PROSE) {
      const match = pattern.exec(line.text);
      if (match) note(permission, line.number, `"${match[0]}"`);
    }
  }
  return [...found.values()];
}

/** Messages for every capability the text relies on but the manifest does not declare. */
export function undeclaredPermissions(lines: BodyLine[], declared: readonly Capability[]): string[] {
  return permissionEvidence(lines)
    .filter((e) => !declared.includes(e.permission))
    .map((e) => `line ${e.line}: relies on ${e.permission} (${e.evidence}) but the manifest does not declare the "${e.permission}" permission`);
}

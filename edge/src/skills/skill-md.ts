/**
 * Reading a SKILL.md: its frontmatter (what OpenClaw lists to the model) and its markdown body,
 * line by line with what each line is inside of (a fenced code block, an install-like section).
 */

export interface SkillMdParts {
  /** Raw frontmatter lines between the `---` fences; null when the file has none. */
  frontmatter: string[] | null;
  body: string;
  /** 1-based line number of the body's first line in the whole file. */
  bodyStart: number;
}

export function splitSkillMd(text: string): SkillMdParts {
  const lines = text.split(/\r?\n/);
  if (lines[0] !== "---") return { frontmatter: null, body: text, bodyStart: 1 };
  const end = lines.indexOf("---", 1);
  if (end < 0) return { frontmatter: null, body: text, bodyStart: 1 };
  return { frontmatter: lines.slice(1, end), body: lines.slice(end + 1).join("\n"), bodyStart: end + 2 };
}

/** A frontmatter line as `key: value` (surrounding quotes removed), or null when it is not one. */
export function frontmatterEntry(line: string): { key: string; value: string } | null {
  const match = /^([A-Za-z0-9_.-]+)\s*:\s*(.*)$/.exec(line);
  if (!match) return null;
  const raw = match[2]!.trim();
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  return { key: match[1]!, value: quoted ? quoted[2]! : raw };
}

export interface BodyLine {
  /** 1-based line number in the whole SKILL.md. */
  number: number;
  text: string;
  /** The info string of the fenced code block the line is in (`bash`, `""` for none); null outside code. */
  codeInfo: string | null;
  /** Inside a section whose heading announces installation or setup (see INSTALL_HEADING). */
  installSection: boolean;
}

/** Headings that announce what to do before the skill can be used: install steps live there. */
const INSTALL_HEADING = /^(install(ation|ing)?|set[ -]?up|getting started|prerequisites?|requirements|dependencies|bootstrap)\b/i;

export function bodyLines(parts: SkillMdParts): BodyLine[] {
  const out: BodyLine[] = [];
  let fence: { marker: string; info: string } | null = null;
  let installLevel: number | null = null;
  parts.body.split("\n").forEach((text, i) => {
    const number = parts.bodyStart + i;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence.marker)) fence = null;
      else out.push({ number, text, codeInfo: fence.info, installSection: installLevel !== null });
      return;
    }
    if (fenceMatch) {
      fence = { marker: fenceMatch[1]!, info: fenceMatch[2]!.toLowerCase() };
      return;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*)$/.exec(text);
    if (heading) {
      const level = heading[1]!.length;
      if (INSTALL_HEADING.test(heading[2]!.trim())) installLevel = installLevel === null ? level : Math.min(installLevel, level);
      else if (installLevel !== null && level <= installLevel) installLevel = null;
    }
    out.push({ number, text, codeInfo: null, installSection: installLevel !== null });
  });
  return out;
}

/** The `inline code` spans of a prose line. */
export function inlineCode(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

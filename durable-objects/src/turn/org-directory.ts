import { directoryEntries, type DirectoryEntry } from "./control-plane.ts";

/**
 * The company directory knowledge base: one document generated from org data whenever a plan is
 * built, never stored. Every org change bumps the config version, so the next plan of every agent
 * carries a directory that matches the org; the knowledge API renders the same document.
 */
export const ORG_DIRECTORY_KB = "kb-org-directory";
export const ORG_DIRECTORY_FILE = "directory.md";
export const ORG_DIRECTORY_TITLE = "Company directory";

export async function companyName(db: D1Database): Promise<string> {
  return (await db.prepare("SELECT value FROM settings WHERE key = 'company_name'").first<{ value: string }>())?.value ?? "the company";
}

export async function orgDirectoryText(db: D1Database, company: string): Promise<string> {
  return renderDirectory(company, await directoryEntries(db));
}

// Names and topics are typed by people and read by every agent: one line each, so no entry can
// start a heading or an instruction of its own.
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** One line per person, grouped by department. */
export function renderDirectory(company: string, entries: readonly DirectoryEntry[]): string {
  const lines = [`# ${oneLine(company)} company directory`, "", "Who works where, and what to ask them about.", ""];
  let department: string | null = null;
  for (const e of entries) {
    if (e.department !== department) {
      department = e.department;
      lines.push(`### ${oneLine(department)}`, "");
    }
    const askAbout = oneLine(e.askAbout);
    lines.push(`- **${oneLine(e.name)}** — ${oneLine(e.position)}, ${oneLine(e.department)} (${oneLine(e.email)}).${askAbout ? ` Ask about: ${askAbout}.` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

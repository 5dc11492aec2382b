import type { DirectoryEntry } from "./control-plane.ts";

/** The company directory KB, generated from org data so it is never stale. One line per person. */
export function renderDirectory(company: string, entries: readonly DirectoryEntry[]): string {
  const lines = [`# ${company} company directory`, "", "Who works where, and what to ask them about.", ""];
  let department = "";
  for (const e of entries) {
    if (e.department !== department) {
      department = e.department;
      lines.push(`### ${department}`, "");
    }
    lines.push(`- **${e.name}** — ${e.position}, ${e.department} (${e.email}).${e.askAbout ? ` Ask about: ${e.askAbout}.` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

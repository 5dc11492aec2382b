/**
 * A document's title: its first markdown heading (ATX `#` … `######`, outside fenced code), else
 * its file name without `.md`. Titles are listed one per line in every agent's knowledge index.
 */
export function documentTitle(text: string, file: string): string {
  return firstHeading(text) ?? file.replace(/\.md$/, "");
}

const MAX_TITLE = 200;

function firstHeading(text: string): string | null {
  let fence: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1]?.trim();
    if (heading) return heading.replace(/\p{Cc}/gu, " ").slice(0, MAX_TITLE).trim();
  }
  return null;
}

/**
 * Splits a reply into pieces of at most `limit` UTF-16 units (how Telegram, Discord and Slack
 * count), preferring a paragraph, then a line, then a word boundary, and never cutting a
 * surrogate pair in half.
 */
export function chunkText(text: string, limit: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = lastBoundary(rest, limit);
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length || !chunks.length) chunks.push(rest);
  return chunks.filter((chunk, i) => chunk.length || i === 0);
}

function lastBoundary(text: string, limit: number): number {
  const window = text.slice(0, limit);
  // Only a boundary in the second half is worth it; otherwise pieces get needlessly small.
  for (const separator of ["\n\n", "\n", " "]) {
    const at = window.lastIndexOf(separator);
    if (at > limit / 2) return at + separator.length;
  }
  return limit;
}

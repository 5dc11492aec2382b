/** Recognising what the employee asked for, deterministically. */

export type Intent =
  | { kind: "identity" }
  | { kind: "command"; command: string }
  | { kind: "remember"; fact: string }
  | { kind: "recall" }
  | { kind: "contact"; topic: string }
  | { kind: "chat" };

export function classify(text: string): Intent {
  const t = text.trim();
  if (/\b(who|what) are you\b|\bintroduce yourself\b|\bwhat'?s your name\b/i.test(t)) return { kind: "identity" };
  const command = /^(?:please\s+)?(?:can you\s+|could you\s+)?(?:run|execute|exec)\s+(?:the\s+command\s+)?[`"']?(.+?)[`"']?\s*[.?!]?$/i.exec(t);
  if (command?.[1]) return { kind: "command", command: command[1].trim() };
  const fenced = /`([^`]+)`/.exec(t);
  if (fenced?.[1] && /\b(run|execute)\b/i.test(t)) return { kind: "command", command: fenced[1].trim() };
  const remember = /\bremember(?:\s+that)?[:,]?\s+(.+)$/i.exec(t);
  if (remember?.[1] && !/\bdo you remember\b/i.test(t)) return { kind: "remember", fact: remember[1].replace(/[.!]+$/, "").trim() };
  if (/\b(what do you remember|do you remember|what did i (tell|ask) you|what do you know about me)\b/i.test(t)) return { kind: "recall" };
  const contact = /\bwho (?:should|can|do) i (?:contact|ask|talk to|reach out to|go to)\s+(?:for|about|regarding|with)\s+(?:a |an |the )?(.+?)[?.!]*$/i.exec(t);
  if (contact?.[1]) return { kind: "contact", topic: contact[1].trim() };
  return { kind: "chat" };
}

const STOPWORDS = new Set(["a", "an", "the", "for", "about", "my", "our", "to", "of", "and", "or", "on", "in", "with", "help"]);

export function keywords(topic: string): string[] {
  return topic
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map((w) => w.replace(/s$/, ""));
}

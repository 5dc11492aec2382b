/** Recognising what the employee asked for, deterministically. */

export type Intent =
  | { kind: "identity" }
  | { kind: "command"; command: string }
  | { kind: "remember"; fact: string }
  | { kind: "recall" }
  | { kind: "contact"; topic: string }
  | { kind: "remind"; task: string; when: ReminderTime }
  | { kind: "heartbeat" }
  | { kind: "due"; task: string }
  | { kind: "chat" };

/** A one-off reminder some time from now, or a daily one at a wall-clock time. */
export type ReminderTime = { kind: "in"; ms: number } | { kind: "daily"; hour: number; minute: number };

const UNIT_MS: Record<string, number> = { minute: 60_000, min: 60_000, hour: 3_600_000, day: 86_400_000 };

export function classify(text: string): Intent {
  const t = text.trim();
  // The platform's heartbeat turn (durable-objects/src/schedules/heartbeat.ts): follow HEARTBEAT.md, else NO_REPLY.
  if (/\bHEARTBEAT\.md\b/.test(t) && /\bNO_REPLY\b/.test(t)) return { kind: "heartbeat" };
  if (/\b(who|what) are you\b|\bintroduce yourself\b|\bwhat'?s your name\b/i.test(t)) return { kind: "identity" };
  const command = /^(?:please\s+)?(?:can you\s+|could you\s+)?(?:run|execute|exec)\s+(?:the\s+command\s+)?[`"']?(.+?)[`"']?\s*[.?!]?$/i.exec(t);
  if (command?.[1]) return { kind: "command", command: command[1].trim() };
  const fenced = /`([^`]+)`/.exec(t);
  if (fenced?.[1] && /\b(run|execute)\b/i.test(t)) return { kind: "command", command: fenced[1].trim() };
  const reminder = classifyReminder(t);
  if (reminder) return reminder;
  const remember = /\bremember(?:\s+that)?[:,]?\s+(.+)$/i.exec(t);
  if (remember?.[1] && !/\bdo you remember\b/i.test(t)) return { kind: "remember", fact: remember[1].replace(/[.!]+$/, "").trim() };
  if (/\b(what do you remember|do you remember|what did i (tell|ask) you|what do you know about me)\b/i.test(t)) return { kind: "recall" };
  const contact = /\bwho (?:should|can|do) i (?:contact|ask|talk to|reach out to|go to)\s+(?:for|about|regarding|with)\s+(?:a |an |the )?(.+?)[?.!]*$/i.exec(t);
  if (contact?.[1]) return { kind: "contact", topic: contact[1].trim() };
  return { kind: "chat" };
}

function classifyReminder(t: string): Intent | null {
  const task = /\bremind me (?:in \d+ \w+ )?to (.+?)(?: in \d+ \w+)?[.!]*$/i.exec(t)?.[1]?.trim();
  if (!task) return null;
  // A reminder the offline model scheduled comes back, when due, as the job's own "Remind me to …" (reminderJob).
  if (/^(?:\[[^\]]*\]\s*)?remind me to /i.test(t) && !/\b(in \d+ \w+|every|at \d)/i.test(t)) return { kind: "due", task };
  const relative = /\bin (\d+) (minute|min|hour|day)s?\b/i.exec(t);
  if (relative) return { kind: "remind", task, when: { kind: "in", ms: Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]! } };
  const daily = /\bevery (?:day|morning|evening|afternoon|night)? ?at (\d{1,2})(?::(\d{2}))? ?(am|pm)?\b/i.exec(t);
  if (!daily) return null;
  let hour = Number(daily[1]);
  const minute = Number(daily[2] ?? 0);
  const meridiem = daily[3]?.toLowerCase();
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  if (!meridiem && /\b(evening|night)\b/i.test(t) && hour < 12) hour += 12;
  if (hour > 23 || minute > 59) return null;
  return { kind: "remind", task, when: { kind: "daily", hour, minute } };
}

const STOPWORDS = new Set(["a", "an", "the", "for", "about", "my", "our", "to", "of", "and", "or", "on", "in", "with", "help"]);

export function keywords(topic: string): string[] {
  return topic
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map((w) => w.replace(/s$/, ""));
}

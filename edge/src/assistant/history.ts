import { monotonicFactory } from "ulid";
import type { AssistantHistoryEntry, AssistantToolCall } from "@clawgate/contracts";
import type { ConversationTurn } from "./types.ts";

// Monotonic: a question and its answer share a millisecond and must keep their order.
const ulid = monotonicFactory();

/** What the model is shown of earlier exchanges: enough for follow-ups, bounded for cost. */
const CONTEXT_ENTRIES = 20;
const HISTORY_LIMIT = 200;

interface Row {
  id: string;
  at: string;
  role: "user" | "assistant";
  text: string;
  tool_calls: string;
}

/** One admin's conversation with the assistant, oldest first (the latest HISTORY_LIMIT messages). */
export async function readHistory(db: D1Database, adminId: string): Promise<AssistantHistoryEntry[]> {
  const { results } = await db
    .prepare("SELECT id, at, role, text, tool_calls FROM assistant_messages WHERE admin_id = ? ORDER BY id DESC LIMIT ?")
    .bind(adminId, HISTORY_LIMIT)
    .all<Row>();
  return results.reverse().map((row) => ({ id: row.id, at: row.at, role: row.role, text: row.text, toolCalls: JSON.parse(row.tool_calls) as AssistantToolCall[] }));
}

export function historyAsTurns(entries: AssistantHistoryEntry[]): ConversationTurn[] {
  return entries.slice(-CONTEXT_ENTRIES).map((entry) => (entry.role === "user" ? { role: "user", text: entry.text } : { role: "assistant", text: entry.text, toolUses: [] }));
}

/** The message and its reply, together: a conversation never keeps a question without its answer. */
export async function appendExchange(db: D1Database, adminId: string, message: string, reply: string, toolCalls: AssistantToolCall[]): Promise<void> {
  const at = new Date().toISOString();
  const insert = db.prepare("INSERT INTO assistant_messages (id, admin_id, at, role, text, tool_calls) VALUES (?, ?, ?, ?, ?, ?)");
  await db.batch([insert.bind(ulid(), adminId, at, "user", message, "[]"), insert.bind(ulid(), adminId, at, "assistant", reply, JSON.stringify(toolCalls))]);
}

export async function clearHistory(db: D1Database, adminId: string): Promise<number> {
  const result = await db.prepare("DELETE FROM assistant_messages WHERE admin_id = ?").bind(adminId).run();
  return result.meta.changes;
}

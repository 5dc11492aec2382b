import type { ChatCompletionRequest, ChatMessage, ContentPart } from "../types.ts";

/** Reading what OpenClaw put in front of the model: the system prompt's workspace files and the turn. */

export function textOf(content: string | ContentPart[] | null | undefined): string {
  if (!content) return "";
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

export function systemPrompt(request: ChatCompletionRequest): string {
  return request.messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => textOf(m.content))
    .join("\n");
}

/** A workspace file as injected under `## <absolute path>/<name>`, up to the next injected file or OpenClaw section. */
export function injectedFile(system: string, name: string): string | null {
  const header = new RegExp(`^## /[^\\n]*/${name.replace(".", "\\.")}\\n`, "m");
  const match = header.exec(system);
  if (!match) return null;
  const rest = system.slice(match.index + match[0].length);
  const end = rest.search(/^(## \/[^\n]*\.md$|## Silent Replies$|<!-- \/openclaw)/m);
  const body = (end >= 0 ? rest.slice(0, end) : rest).trim();
  return body.startsWith("[MISSING]") ? null : body;
}

export interface Persona {
  name: string;
  employeeNumber: string;
  position: string;
  department: string;
  company: string;
}

export function persona(system: string): Persona | null {
  const m = /\*\*Works for:\*\* (.+?) \(([^)]+)\), (.+?), (.+?), (.+)$/m.exec(system);
  if (!m) return null;
  return { name: m[1]!, employeeNumber: m[2]!, position: m[3]!, department: m[4]!, company: m[5]!.trim() };
}

const INTERNAL_CONTEXT = "<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>";

/** The employee's words in the latest user message, without OpenClaw's timestamp envelope. */
export function latestUserText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role !== "user") continue;
    const text = textOf(message.content);
    if (text.trimStart().startsWith(INTERNAL_CONTEXT)) continue;
    const withoutContext = text.split(INTERNAL_CONTEXT)[0] ?? text;
    return withoutContext.replace(/^\s*\[[^\]]*\d{2}:\d{2}[^\]]*\]\s*/, "").trim();
  }
  return "";
}

/** Tool results that answer the assistant's latest tool calls, if the conversation ends with them. */
export function trailingToolResults(messages: readonly ChatMessage[]): Array<{ tool: string; args: Record<string, unknown>; output: string }> {
  const results: Array<{ tool: string; args: Record<string, unknown>; output: string }> = [];
  let i = messages.length - 1;
  const outputs = new Map<string, string>();
  while (i >= 0 && messages[i]!.role === "tool") {
    const m = messages[i] as Extract<ChatMessage, { role: "tool" }>;
    outputs.set(m.tool_call_id, textOf(m.content));
    i--;
  }
  const assistant = messages[i];
  if (!outputs.size || !assistant || assistant.role !== "assistant") return results;
  for (const call of assistant.tool_calls ?? []) {
    let args: Record<string, unknown> = {};
    try {
      args = JSON.parse(call.function.arguments || "{}") as Record<string, unknown>;
    } catch {
      // keep empty
    }
    results.push({ tool: call.function.name, args, output: outputs.get(call.id) ?? "" });
  }
  return results;
}

import type { ChatResult, ToolEvent, TranscriptEntry, TurnNotice, Usage } from "@clawgate/contracts";

/** The chat page's message list as a pure reducer (safe under React StrictMode). */

export interface UserMessage {
  kind: "user";
  id: string;
  text: string;
}

export type AgentState = "streaming" | "done" | "error";

export interface AgentMessage {
  kind: "agent";
  id: string;
  text: string;
  state: AgentState;
  tools: ToolEvent[];
  usage: Usage | null;
  /** The server's or the stream's own words for a failure; null for a failed turn from history. */
  error: string | null;
  /** A turn from history that had not finished when the page loaded (the bubble words it per language). */
  inProgress: boolean;
  /** Small notes beside the reply: a budget nearly spent, parts masked by a guardrail. */
  notices: TurnNotice[];
}

export type ChatMessage = UserMessage | AgentMessage;

export type ChatAction =
  | { type: "history"; entries: TranscriptEntry[] }
  | { type: "sent"; turn: string; text: string }
  | { type: "delta"; turn: string; text: string }
  | { type: "tool"; turn: string; event: ToolEvent }
  | { type: "result"; turn: string; result: ChatResult }
  | { type: "failed"; turn: string; message: string };

const userId = (turn: string) => `${turn}:user`;
const agentId = (turn: string) => `${turn}:agent`;

function agentFromEntry(entry: TranscriptEntry): AgentMessage {
  const base: AgentMessage = {
    kind: "agent",
    id: agentId(entry.turnId),
    text: entry.reply ?? "",
    state: "done",
    tools: [],
    usage: null,
    error: null,
    inProgress: false,
    notices: [],
  };
  switch (entry.status) {
    case "done":
      return base;
    case "failed":
      return { ...base, state: "error" };
    default:
      return { ...base, inProgress: true };
  }
}

export function messagesFromTranscript(entries: TranscriptEntry[]): ChatMessage[] {
  return entries.flatMap((entry): ChatMessage[] => [
    { kind: "user", id: userId(entry.turnId), text: entry.message },
    agentFromEntry(entry),
  ]);
}

function updateAgent(
  messages: ChatMessage[],
  turn: string,
  update: (message: AgentMessage) => AgentMessage,
): ChatMessage[] {
  const id = agentId(turn);
  return messages.map((m) => (m.kind === "agent" && m.id === id ? update(m) : m));
}

export function chatReducer(messages: ChatMessage[], action: ChatAction): ChatMessage[] {
  switch (action.type) {
    case "history": {
      // History goes before anything sent while it was loading.
      const history = messagesFromTranscript(action.entries);
      const known = new Set(history.map((m) => m.id));
      return [...history, ...messages.filter((m) => !known.has(m.id))];
    }
    case "sent":
      return [
        ...messages,
        { kind: "user", id: userId(action.turn), text: action.text },
        {
          kind: "agent",
          id: agentId(action.turn),
          text: "",
          state: "streaming",
          tools: [],
          usage: null,
          error: null,
          inProgress: false,
          notices: [],
        },
      ];
    case "delta":
      return updateAgent(messages, action.turn, (m) => ({ ...m, text: m.text + action.text }));
    case "tool":
      return updateAgent(messages, action.turn, (m) => ({ ...m, tools: [...m.tools, action.event] }));
    case "result":
      return updateAgent(messages, action.turn, (m) => ({
        ...m,
        text: action.result.reply,
        // The result's list is authoritative (and avoids duplicating streamed `tool` events).
        tools: action.result.toolEvents.length > 0 ? action.result.toolEvents : m.tools,
        // A turn refused or blocked before the model spent nothing: no usage line.
        usage: action.result.usage.inputTokens + action.result.usage.outputTokens > 0 ? action.result.usage : null,
        notices: action.result.notices ?? [],
        state: "done",
      }));
    case "failed":
      return updateAgent(messages, action.turn, (m) => ({ ...m, state: "error", error: action.message }));
  }
}

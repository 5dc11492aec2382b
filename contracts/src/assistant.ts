import { z } from "zod";

/** The IT admin assistant (/api/admin/assistant): an admin-only chat whose tool loop runs at the edge. */

export const ASSISTANT_MESSAGE_MAX = 4000;

export const AssistantChatRequest = z.object({
  message: z.string().trim().min(1, "message must not be empty").max(ASSISTANT_MESSAGE_MAX, `message must be at most ${ASSISTANT_MESSAGE_MAX} characters`),
});
export type AssistantChatRequest = z.infer<typeof AssistantChatRequest>;

/** Which model drove the loop; `offline` is the deterministic stand-in that needs no network (DESIGN §7). */
export const AssistantProviderName = z.enum(["bedrock", "openai", "offline"]).meta({ id: "AssistantProviderName" });
export type AssistantProviderName = z.infer<typeof AssistantProviderName>;

export const AssistantToolCall = z
  .object({
    tool: z.string(),
    ok: z.boolean(),
    /** Why a call failed or was refused (never data). */
    error: z.string().optional(),
  })
  .meta({ id: "AssistantToolCall" });
export type AssistantToolCall = z.infer<typeof AssistantToolCall>;

export const AssistantReply = z
  .object({ reply: z.string(), provider: AssistantProviderName, toolCalls: z.array(AssistantToolCall) })
  .meta({ id: "AssistantReply" });
export type AssistantReply = z.infer<typeof AssistantReply>;

export const AssistantHistoryEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    role: z.enum(["user", "assistant"]),
    text: z.string(),
    toolCalls: z.array(AssistantToolCall),
  })
  .meta({ id: "AssistantHistoryEntry" });
export type AssistantHistoryEntry = z.infer<typeof AssistantHistoryEntry>;

export const AssistantHistory = z.object({ entries: z.array(AssistantHistoryEntry).describe("oldest first") }).meta({ id: "AssistantHistory" });
export type AssistantHistory = z.infer<typeof AssistantHistory>;

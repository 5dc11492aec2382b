import { z } from "zod";
import { ModelConfig } from "./plan.ts";
import { RouteExplanation } from "./config.ts";

/** The digital twin (public link to an employee's agent) and the admin playground. */

/** What a twin visitor may send: short, because a public link is an abuse surface. */
export const TWIN_MESSAGE_MAX = 2000;

export const TwinStatus = z
  .object({
    enabled: z.boolean(),
    /** Whether the organisation allows twins at all; while not, every link answers 404 and switching on is refused, whatever `enabled` says. */
    allowed: z.boolean(),
    /** When the current link was made (switched on or regenerated); null while off. */
    enabledAt: z.string().nullable(),
    views: z.number().int(),
    chats: z.number().int(),
  })
  .meta({ id: "TwinStatus" });
export type TwinStatus = z.infer<typeof TwinStatus>;

/** Returned once, when the link is made: only the token's hash is stored. */
export const TwinLink = TwinStatus.extend({ url: z.string() }).meta({ id: "TwinLink" });
export type TwinLink = z.infer<typeof TwinLink>;

export const TwinToken = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);
export const TwinVisitorId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const TwinChatRequest = z.object({
  message: z.string().trim().min(1, "message must not be empty").max(TWIN_MESSAGE_MAX, `message must be at most ${TWIN_MESSAGE_MAX} characters`),
  visitorId: TwinVisitorId.optional(),
});
export type TwinChatRequest = z.infer<typeof TwinChatRequest>;

export const TwinExchange = z.object({
  turnId: z.string(),
  message: z.string(),
  reply: z.string().nullable(),
  status: z.enum(["queued", "running", "done", "failed"]),
  at: z.string(),
});

/** One visitor's conversation with the twin (visitors are pseudonymous: a hash, never an IP). */
export const TwinConversation = z.object({ visitor: z.string(), exchanges: z.array(TwinExchange) }).meta({ id: "TwinConversation" });
export type TwinConversation = z.infer<typeof TwinConversation>;

/** The plan "pipeline" of an employee's agent, as the admin playground shows it. */
export const PlaygroundPipeline = z
  .object({
    employeeId: z.string(),
    soul: z.array(
      z.object({ file: z.enum(["SOUL", "AGENTS"]), scope: z.enum(["global", "position", "personal"]), version: z.number().int(), sha256: z.string(), author: z.string(), at: z.string() }),
    ),
    tools: z.object({
      capabilities: z.array(z.string()),
      allowed: z.array(z.string()),
      /** Known OpenClaw tools the position's capabilities do not grant, with the capability that would. */
      denied: z.array(z.object({ tool: z.string(), capability: z.string() })),
      /** Tools allowed on the agent's own memory files only. */
      memoryScoped: z.array(z.string()),
    }),
    knowledge: z.array(z.object({ kbId: z.string(), name: z.string(), documents: z.array(z.string()) })),
    skills: z.array(z.object({ name: z.string(), description: z.string() })),
    model: ModelConfig,
    /** Where the next turn runs and why; null when no runtime is configured. */
    route: RouteExplanation.nullable(),
  })
  .meta({ id: "PlaygroundPipeline" });
export type PlaygroundPipeline = z.infer<typeof PlaygroundPipeline>;

import { z } from "zod";
import { ToolEvent, Usage } from "./invocation.ts";

export const LoginRequest = z.object({
  employeeId: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Role = z.enum(["admin", "manager", "employee"]);
export type Role = z.infer<typeof Role>;

export const Me = z.object({
  employeeId: z.string(),
  name: z.string(),
  role: Role,
  position: z.object({ id: z.string(), name: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }),
  /** True until a first-login password change: every API but me, logout and the change answers 403. */
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const ChatRequest = z.object({
  message: z.string().trim().min(1, "message must not be empty").max(32_000),
  /** Client-chosen id; sending the same id twice yields one turn and the same reply. */
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

export const TurnOutcomeKind = z.enum(["answered", "blocked", "refused"]);
export type TurnOutcomeKind = z.infer<typeof TurnOutcomeKind>;

export const TurnNotice = z.object({
  kind: z.enum(["budget_warning", "budget_exception", "guardrail_masked"]),
  message: z.string(),
});
export type TurnNotice = z.infer<typeof TurnNotice>;

export const ChatResult = z.object({
  turnId: z.string(),
  reply: z.string(),
  sessionId: z.string(),
  usage: Usage,
  toolEvents: z.array(ToolEvent),
  /**
   * `blocked`: a guardrail replaced the message or the reply with its configured message;
   * `refused`: the turn did not run (over budget, or a strict guardrail could not check it).
   * Absent on turns recorded before outcomes existed: those were answered.
   */
  outcome: TurnOutcomeKind.optional(),
  /** Small notes for the user beside the reply: a budget nearly spent, parts of the reply masked. */
  notices: z.array(TurnNotice).optional(),
});
export type ChatResult = z.infer<typeof ChatResult>;

export const TranscriptEntry = z.object({
  turnId: z.string(),
  message: z.string(),
  reply: z.string().nullable(),
  status: z.enum(["queued", "running", "done", "failed"]),
  /** For done turns: answered, blocked by a guardrail, or refused before the agent ran. */
  outcome: TurnOutcomeKind.optional(),
  at: z.string(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

export const RuntimeInfo = z.object({
  /** True while the default runtime answers with the offline model; the console shows a banner. */
  offlineModel: z.boolean(),
  model: z.string().nullable(),
});
export type RuntimeInfo = z.infer<typeof RuntimeInfo>;

import { z } from "zod";
import { Sha256 } from "./common.ts";
import { WorkspacePlanBody } from "./plan.ts";
import { ScheduleChange } from "./schedules.ts";

/**
 * What the edge sends to a runtime's `/invocations` (DESIGN §5). Content is pushed by hash, the
 * plan included: `planVersion` is the SHA-256 of the plan body's canonical JSON, so a warm session
 * with an unchanged plan gets a request of a few hundred bytes.
 */
export const InvocationRequest = z.object({
  turnId: z.string().min(1),
  /** Stable per (employee, access path); AgentCore requires 33–256 characters. */
  sessionId: z.string().min(33).max(256),
  message: z.string().min(1).max(32_000),
  planVersion: Sha256,
  /** The plan body, only when the runtime session is not known to hold `planVersion`. */
  plan: WorkspacePlanBody.optional(),
  /** Blob bodies by SHA-256, only for hashes the runtime is not known to hold. */
  blobs: z.record(Sha256, z.string()).default({}),
});
export type InvocationRequest = z.infer<typeof InvocationRequest>;
export type InvocationRequestInput = z.input<typeof InvocationRequest>;

export const ToolEvent = z.object({
  tool: z.string(),
  allowed: z.boolean(),
  args: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().optional(),
});
export type ToolEvent = z.infer<typeof ToolEvent>;

export const Usage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  model: z.string(),
});
export type Usage = z.infer<typeof Usage>;

export const MemoryChange = z.object({ path: z.string(), sha256: Sha256, text: z.string() });
export type MemoryChange = z.infer<typeof MemoryChange>;

export const InvocationResult = z.object({
  /** `error`: the turn ran but the model or OpenClaw failed; `error` says why. Infrastructure faults are HTTP 5xx instead. */
  status: z.enum(["ok", "error"]),
  error: z.string().optional(),
  reply: z.string(),
  usage: Usage,
  toolEvents: z.array(ToolEvent),
  memoryChanges: z.array(MemoryChange),
  /** What the turn changed in the agent's schedules (OpenClaw `cron` jobs), applied by the EmployeeAgent. */
  schedules: z.array(ScheduleChange),
});
export type InvocationResult = z.infer<typeof InvocationResult>;

/**
 * Answered instead of a result when the runtime lacks content (a fresh microVM); the edge re-sends
 * it inline. The plan is content too: a `planVersion` in the list means "send the plan", and since
 * a runtime that lost its plans lost its blobs with them, the edge then sends everything.
 */
export const NeedBlobs = z.object({ needBlobs: z.array(Sha256).min(1) });
export type NeedBlobs = z.infer<typeof NeedBlobs>;

export const InvocationResponse = z.union([NeedBlobs, InvocationResult]);
export type InvocationResponse = z.infer<typeof InvocationResponse>;

/**
 * Server-sent events of a streamed turn, from runtime to edge and from edge to the portal:
 * `delta` {text} · `tool` ToolEvent · `result` InvocationResult (runtime) / ChatResult (portal) · `error` {code,message}.
 */
export type TurnEventName = "delta" | "tool" | "result" | "error";

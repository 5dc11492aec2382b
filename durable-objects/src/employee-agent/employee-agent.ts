import { DurableObject } from "cloudflare:workers";
import {
  MEMORY_WRITING_PATHS,
  type AccessPath,
  type AlwaysOnHealth,
  type ChatResult,
  type EditableMemoryFile,
  type HeartbeatSettings,
  type MemoryView,
  type InboxItem,
  type InvocationResult,
  type Schedule,
  type SessionReset,
  type TranscriptEntry,
} from "@clawgate/contracts";
import { monotonicFactory } from "ulid";
import { BlobReader } from "../content/blobs.ts";
import type { Env } from "../env.ts";
import { RuntimeError } from "../runtime/types.ts";
import { runtimeClient, selectRoute } from "../runtime/select.ts";
import { alwaysOnHealth, markUnreachable, runtimeAudit, servingRuntime, type AlwaysOnState } from "../runtime/fallback.ts";
import { EndpointHealth } from "../runtime/health.ts";
import { resetRuntimeSessions } from "../runtime/session-reset.ts";
import { configVersion, loadEmployee, routeRuntime, type EmployeeRecord, type RuntimeRow } from "../turn/control-plane.ts";
import { invokeRuntime } from "../turn/invoke.ts";
import { invokeWithRetries } from "../turn/retry.ts";
import { accountingStatements, auditFailure } from "../turn/persist.ts";
import { checkAfterModel, checkBeforeModel, type BeforeModel } from "../turn/checks.ts";
import { buildPlanBase, finishPlan, type PlanBase } from "../turn/plan-builder.ts";
import { agentAudit } from "./agent-audit.ts";
import { AgentMemory } from "./agent-memory.ts";
import { migrate } from "./schema.ts";
import { ScheduledRuns } from "../schedules/scheduled-runs.ts";
import { TurnStore, type TurnRow, type TwinTurnEntry } from "./turn-store.ts";
import { settledOutcome, TurnListeners, type TurnOutcome } from "./turn-events.ts";

import { MAX_PENDING_TWIN_TURNS, TWIN_QUEUE_FULL, type TurnInput } from "./turn-input.ts";

export type { TurnOutcome } from "./turn-events.ts";
export { MAX_PENDING_TWIN_TURNS, TWIN_QUEUE_FULL, type TurnInput } from "./turn-input.ts";

// Monotonic: turns enqueued within one millisecond still sort (created_at, id) in arrival order.
const ulid = monotonicFactory();


/**
 * One per employee. A mailbox state machine: a turn is `queued` (durably, idempotent on its
 * source message id), then `running` (one at a time, in arrival order), then `done` or
 * `failed`. Every turn is planned, routed, invoked and persisted here (DESIGN §4).
 */
export class EmployeeAgent extends DurableObject<Env> {
  readonly #store: TurnStore;
  readonly #blobs: BlobReader;
  readonly #runs: ScheduledRuns;
  readonly #memory: AgentMemory;
  readonly #listeners = new TurnListeners();
  #draining: Promise<void> | null = null;
  #planCache: { key: string; base: PlanBase } | null = null;
  readonly #health = new EndpointHealth();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new TurnStore(ctx.storage.sql);
    this.#blobs = new BlobReader(env.CONTENT);
    this.#runs = new ScheduledRuns(ctx.storage.sql, env);
    this.#memory = new AgentMemory(this.#store, this.#blobs, env.CONTENT);
    void ctx.blockConcurrencyWhile(async () => {
      migrate(ctx.storage.sql);
      if (this.#store.requeueInterrupted() > 0) await ctx.storage.setAlarm(Date.now());
    });
  }

  /** Runs (or joins) a turn and resolves with its result. */
  async send(input: TurnInput): Promise<TurnOutcome> {
    const { turn, duplicate } = await this.#enqueue(input);
    const settled = settledOutcome(turn, duplicate);
    if (settled) return settled;
    const outcome = this.#listeners.outcome(turn.id, duplicate);
    this.#kick();
    return outcome;
  }

  /** Runs (or joins) a turn and streams it as server-sent events: delta, tool, result | error. */
  async stream(input: TurnInput): Promise<ReadableStream<Uint8Array>> {
    const { turn, duplicate } = await this.#enqueue(input);
    const readable = this.#listeners.stream(turn.id, settledOutcome(turn, duplicate));
    this.#kick();
    return readable;
  }

  async transcript(limit = 50): Promise<TranscriptEntry[]> {
    return this.#store.transcript(Math.min(Math.max(limit, 1), 200));
  }

  /** The twin's latest turns with the visitor each came from (the employee reads them in the portal). */
  async twinConversations(limit = 200): Promise<TwinTurnEntry[]> {
    return this.#store.twinTurns(Math.min(Math.max(limit, 1), 500));
  }

  /**
   * Called when the employee is created: binds this object to them, builds their first plan and
   * checks it can be routed, so a broken configuration shows at creation rather than at the first
   * turn, and the first portal turn starts with a warm plan.
   */
  async provision(employeeId: string): Promise<{ planVersion: string }> {
    const known = this.#store.meta("employee_id");
    if (known && known !== employeeId) throw new Error("this agent belongs to another employee");
    const employee = await loadEmployee(this.env.DB, employeeId);
    if (!employee) throw new Error(`employee ${employeeId} does not exist`);
    if (!known) this.#store.setMeta("employee_id", employeeId);
    const base = await this.#planBase(employee, "employee");
    await routeRuntime(this.env.DB, employee);
    const plan = await finishPlan(base.body, this.#memory.checkpoint());
    return { planVersion: plan.planVersion };
  }

  /**
   * "Apply now": ends (AgentCore) or refreshes (HTTP) every runtime session of this agent, so the
   * next turn starts from the current plan (runtime/session-reset.ts).
   */
  async resetRuntimeSessions(): Promise<SessionReset> {
    this.#planCache = null;
    return resetRuntimeSessions(this.ctx.storage.sql, this.env);
  }

  /** For the route explanation: the always-on endpoint's current health verdict (runtime/fallback.ts). */
  async alwaysOnHealth(employeeId: string): Promise<AlwaysOnHealth | null> {
    const employee = await loadEmployee(this.env.DB, employeeId);
    return employee ? alwaysOnHealth(await selectRoute(this.env.DB, employee), this.#health) : null;
  }

  /**
   * One alarm serves the queue (safety net when the object was evicted mid-queue), the schedules
   * and the delivery outbox: due runs are enqueued first, then the queue drains, due replies are
   * sent and the alarm is re-armed.
   */
  override async alarm(): Promise<void> {
    await this.#enqueueDueRuns();
    this.#kick();
    await this.#draining;
  }

  /** Due schedules become turns on the `scheduled` path (schedules/scheduled-runs.ts). */
  async #enqueueDueRuns(): Promise<void> {
    const employeeId = this.#store.meta("employee_id");
    if (!employeeId) return;
    await this.#runs.enqueueDue(employeeId, async (run) => {
      const { duplicate } = await this.#enqueue({ employeeId, accessPath: "scheduled", ...run });
      return { fresh: !duplicate };
    }, () => this.#heartbeatInstructions());
  }

  /** The single alarm: at the earliest due schedule or delivery retry, or none when nothing waits. */
  async #armAlarm(): Promise<void> {
    const due = this.#runs.nextWake();
    if (due === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(due);
  }

  async schedules(): Promise<Schedule[]> {
    return this.#runs.list(this.#store.meta("employee_id") ?? "");
  }

  /** The employee pauses or resumes a schedule from the portal; null when there is no such schedule. */
  async setSchedulePaused(id: string, paused: boolean, actor: string): Promise<Schedule | null> {
    const schedule = await this.#runs.setPaused(this.#store.meta("employee_id") ?? "", id, paused, actor);
    if (schedule) await this.#armAlarmUnlessDraining();
    return schedule;
  }

  async deleteSchedule(id: string, actor: string): Promise<boolean> {
    if (!(await this.#runs.delete(this.#store.meta("employee_id") ?? "", id, actor))) return false;
    await this.#armAlarmUnlessDraining();
    return true;
  }

  async heartbeat(employeeId: string): Promise<HeartbeatSettings> {
    this.#bind(employeeId);
    return this.#runs.heartbeat(employeeId, await this.#heartbeatInstructions());
  }

  /** The employee switches the periodic HEARTBEAT.md turn on or off, or changes how often it runs. */
  async setHeartbeat(employeeId: string, enabled: boolean, everyMinutes: number): Promise<HeartbeatSettings> {
    this.#bind(employeeId);
    await this.#runs.setHeartbeat(employeeId, enabled, everyMinutes, employeeId);
    await this.#armAlarmUnlessDraining();
    return this.#runs.heartbeat(employeeId, await this.#heartbeatInstructions());
  }

  async #heartbeatInstructions(): Promise<string> {
    return (await this.#memory.text("HEARTBEAT.md")) ?? "";
  }

  async inbox(limit = 50): Promise<{ items: InboxItem[]; unread: number }> {
    return this.#runs.inbox(Math.min(Math.max(limit, 1), 200));
  }

  async markInboxRead(id: string): Promise<boolean> {
    return this.#runs.markRead(id, new Date().toISOString());
  }

  /** The agent's memory files, for the employee's profile page. */
  async memoryView(employeeId: string): Promise<MemoryView> {
    this.#bind(employeeId);
    return this.#memory.view(await this.#memoryDefaults(employeeId));
  }

  /**
   * The employee replaces USER.md or HEARTBEAT.md from the portal: a new checkpoint, so the next
   * plan carries it. Audited with the path and size only, never the content.
   */
  async writeMemoryFile(employeeId: string, path: EditableMemoryFile, text: string): Promise<MemoryView> {
    this.#bind(employeeId);
    await this.#memory.writeFile(employeeId, path, text, `portal:${ulid()}`);
    const detail = { path, bytes: new TextEncoder().encode(text).byteLength };
    await this.env.DB.batch([agentAudit(this.env.DB, "memory.updated", { actor: employeeId, employeeId, detail })]).catch(() => undefined);
    return this.#memory.view(await this.#memoryDefaults(employeeId));
  }

  /** Until the employee writes their own, the workspace's USER.md is the one generated from their profile: shown as such. */
  async #memoryDefaults(employeeId: string): Promise<Record<string, string>> {
    const employee = await loadEmployee(this.env.DB, employeeId);
    const base = employee ? await this.#planBase(employee, "employee") : null;
    const user = base?.body.user ? base.generated.get(base.body.user.sha256) : undefined;
    return user === undefined ? {} : { "USER.md": `${user.trim()}\n` };
  }

  /** The plan without memory, cached per access path until the configuration version moves. */
  async #planBase(employee: EmployeeRecord, accessPath: AccessPath): Promise<PlanBase> {
    const key = `${await configVersion(this.env.DB)}:${accessPath}`;
    if (this.#planCache?.key !== key) this.#planCache = { key, base: await buildPlanBase(this.env.DB, employee, accessPath) };
    return this.#planCache.base;
  }

  /** This object serves one employee: the first caller binds it, anyone else is refused. */
  #bind(employeeId: string): void {
    const known = this.#store.meta("employee_id");
    if (known && known !== employeeId) throw new Error("request routed to another employee's agent");
    if (!known) this.#store.setMeta("employee_id", employeeId);
  }

  /** A draining queue re-arms when it ends; arming now would only be overwritten. */
  async #armAlarmUnlessDraining(): Promise<void> {
    if (!this.#draining) await this.#armAlarm();
  }

  async #enqueue(input: TurnInput): Promise<{ turn: TurnRow; duplicate: boolean }> {
    const known = this.#store.meta("employee_id");
    if (known && known !== input.employeeId) throw new Error("turn routed to another employee's agent");
    if (!known) this.#store.setMeta("employee_id", input.employeeId);
    const existing = this.#store.bySource(input.sourceMessageId);
    if (existing) return { turn: existing, duplicate: true };
    // Checked and enqueued without an await in between, so concurrent twin requests cannot overshoot.
    if (input.accessPath === "twin" && this.#store.pending("twin") >= MAX_PENDING_TWIN_TURNS) throw new Error(TWIN_QUEUE_FULL);
    const turn = {
      id: ulid(),
      source_message_id: input.sourceMessageId,
      access_path: input.accessPath,
      message: input.message,
      created_at: new Date().toISOString(),
      session_key: input.sessionKey ?? null,
    };
    this.#store.enqueue(turn);
    await this.ctx.storage.setAlarm(Date.now() + 60_000);
    return { turn: this.#store.get(turn.id)!, duplicate: false };
  }

  #kick(): void {
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
    });
  }

  async #drain(): Promise<void> {
    for (let turn = this.#store.nextQueued(); turn; turn = this.#store.nextQueued()) await this.#execute(turn);
    // Deliveries left by an evicted object or waiting for their retry (schedules/delivery-outbox.ts).
    const employeeId = this.#store.meta("employee_id");
    if (employeeId) await this.#runs.deliverDue(employeeId);
    await this.#armAlarm();
  }

  async #execute(turn: TurnRow): Promise<void> {
    this.#store.markRunning(turn.id);
    const employeeId = this.#store.meta("employee_id")!;
    const started = Date.now();
    try {
      // Budget and input guardrail (turn/checks.ts): a turn stopped here never reaches the runtime.
      const checks = await checkBeforeModel(this.env, this.#store, { employeeId, turnId: turn.id, message: turn.message });
      if (!checks.proceed) return this.#finishUnanswered(turn, checks);
      // With an output guardrail the reply is only shown once checked, so deltas are held back.
      let streamed = false;
      const invoke = () => this.#invoke(turn, employeeId, checks.message, !checks.output.guardrail, () => (streamed = true));
      const { result, sessionId, runtimeId } = await invokeWithRetries(invoke, () => !streamed);
      const at = new Date().toISOString();
      if (MEMORY_WRITING_PATHS.includes(turn.access_path) && result.memoryChanges.length) await this.#memory.write(employeeId, turn.id, result.memoryChanges);
      await this.env.DB.batch(accountingStatements(this.env.DB, { employeeId, turnId: turn.id, accessPath: turn.access_path, runtimeId, result, durationMs: Date.now() - started, at }));
      if (result.status === "error") {
        // The runtime ran the turn and the model or OpenClaw failed: a retry would redo its tool calls, so report it.
        return this.#fail(turn, result.error ?? "the agent runtime reported an error");
      }
      const after = await checkAfterModel(this.env, { employeeId, turnId: turn.id }, checks.output, result.reply);
      const notices = [...checks.notices, ...after.notices];
      const chat: ChatResult = { ...chatResult(turn.id, sessionId, result), reply: after.reply, outcome: after.outcome, ...(notices.length ? { notices } : {}) };
      this.#finish(turn, chat, at, false);
      if (result.schedules.length) await this.#runs.apply(employeeId, result.schedules);
      if (turn.access_path === "scheduled") await this.#runs.deliverDue(employeeId);
      this.#listeners.emit(turn.id, { type: "result", result: chat });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#fail(turn, message);
      await this.env.DB.batch([auditFailure(this.env.DB, employeeId, turn.id, message)]).catch(() => undefined);
    }
  }

  /**
   * Marks a turn done; a scheduled run's reply goes to the delivery outbox in the same transaction,
   * so no eviction falls between the two. `failed`: the reply says the run could not happen.
   */
  #finish(turn: TurnRow, chat: ChatResult, at: string, failed: boolean): void {
    this.ctx.storage.transactionSync(() => {
      this.#store.markDone(turn.id, chat, at);
      if (turn.access_path === "scheduled") this.#runs.queueDelivery({ turnId: turn.id, sourceMessageId: turn.source_message_id }, chat.reply, at, failed);
    });
  }

  /** A failed turn: whoever waits hears why, and so does the employee whose scheduled task it was. */
  #fail(turn: TurnRow, reason: string): void {
    const at = new Date().toISOString();
    this.ctx.storage.transactionSync(() => {
      this.#store.markFailed(turn.id, reason, at);
      if (turn.access_path === "scheduled") this.#runs.queueDelivery({ turnId: turn.id, sourceMessageId: turn.source_message_id }, `Your agent could not run this: ${reason}`, at, true);
    });
    this.#listeners.emit(turn.id, { type: "error", error: { code: "turn_failed", message: `Your agent could not answer: ${reason}` } });
  }

  /** A turn the checks stopped: recorded with its outcome and answered with the checks' reply; no usage row. */
  #finishUnanswered(turn: TurnRow, checks: Extract<BeforeModel, { proceed: false }>): void {
    const chat: ChatResult = {
      turnId: turn.id,
      reply: checks.reply,
      sessionId: "",
      usage: { inputTokens: 0, outputTokens: 0, model: "none" },
      toolEvents: [],
      outcome: checks.outcome,
      ...(checks.notices.length ? { notices: checks.notices } : {}),
    };
    this.#finish(turn, chat, new Date().toISOString(), true);
    this.#listeners.emit(turn.id, { type: "result", result: chat });
  }

  async #invoke(turn: TurnRow, employeeId: string, message: string, streamDeltas: boolean, onStreamed: () => void) {
    const employee = await loadEmployee(this.env.DB, employeeId);
    if (!employee) throw new RuntimeError(`employee ${employeeId} no longer exists`, 404, false);
    const base = await this.#planBase(employee, turn.access_path);
    for (const [hash, text] of base.generated) this.#blobs.remember(hash, text);
    const plan = await finishPlan(base.body, this.#memory.checkpoint());

    const runtime = await this.#servingRuntime(employeeId, employee);
    const sessionKey = turn.session_key ? (`${turn.access_path}:${turn.session_key}` as const) : turn.access_path;
    const sessionId = this.#store.sessionId(sessionKey, () => `${employeeId}--${turn.access_path}--${crypto.randomUUID().replaceAll("-", "")}`);
    const result = await markUnreachable(this.#health, runtime, () => invokeRuntime(
      runtimeClient(this.env, runtime),
      { turnId: turn.id, sessionId, message, plan, held: this.#store.heldContent(sessionId, runtime.id), blob: (hash) => this.#blobs.get(hash) },
      {
        onDelta: (text) => {
          if (!streamDeltas) return;
          onStreamed();
          this.#listeners.emit(turn.id, { type: "delta", text });
        },
        onTool: (event) => this.#listeners.emit(turn.id, { type: "tool", event }),
      },
    ));
    return { result, sessionId, runtimeId: runtime.id };
  }

  /** The routed runtime, or the next tier while the always-on endpoint is unhealthy (runtime/fallback.ts). */
  async #servingRuntime(employeeId: string, employee: Parameters<typeof selectRoute>[1]): Promise<RuntimeRow> {
    const previous = (this.#store.meta("always_on_state") ?? "primary") as AlwaysOnState;
    const serving = await servingRuntime(await selectRoute(this.env.DB, employee), this.#health, previous);
    if (serving.state !== previous) this.#store.setMeta("always_on_state", serving.state);
    if (serving.audit) await this.env.DB.batch([runtimeAudit(this.env.DB, employeeId, serving.audit)]).catch(() => undefined);
    return serving.runtime;
  }
}

function chatResult(turnId: string, sessionId: string, result: InvocationResult): ChatResult {
  return { turnId, reply: result.reply, sessionId, usage: result.usage, toolEvents: result.toolEvents };
}

import { HEARTBEAT_PROMPT, type HeartbeatSettings, type InboxItem, type Schedule, type ScheduleChange } from "@clawgate/contracts";
import { ulid } from "ulid";
import type { Env } from "../env.ts";
import { applyScheduleChanges, scheduledRunId, scheduleOfRun } from "./apply-changes.ts";
import { scheduleAudit } from "./audit.ts";
import { deliverToChannel } from "./channel-delivery.ts";
import { scheduleClock } from "./clock.ts";
import { DeliveryOutbox, type OutboxItem } from "./delivery-outbox.ts";
import { DEFAULT_HEARTBEAT_MINUTES, HEARTBEAT_SCHEDULE_ID, hasHeartbeatInstructions, isSilentHeartbeatReply } from "./heartbeat.ts";
import { isSilentReply } from "./silent-reply.ts";
import { InboxStore } from "./inbox-store.ts";
import { ScheduleStore } from "./schedule-store.ts";
import { nextDue } from "./timing.ts";

/**
 * Waits before the 2nd, 3rd and 4th delivery attempt of a reply (each attempt is itself a platform
 * call with short retries); when the 4th fails too the reply goes to the inbox.
 */
export const DELIVERY_RETRY_DELAYS_MS = [30_000, 120_000, 600_000];

/** A scheduled turn to enqueue: the source message id names the run, so enqueuing it twice is one turn. */
export type ScheduledTurn = { sourceMessageId: string; message: string };

/**
 * The schedule side of an EmployeeAgent: which runs are due, the agent's and the employee's changes
 * to the schedules, and where a run's reply goes. The object keeps the turn queue; this keeps
 * everything that happens around a scheduled turn, in the same SQLite.
 */
export class ScheduledRuns {
  readonly #env: Env;
  readonly #schedules: ScheduleStore;
  readonly #inbox: InboxStore;
  readonly #outbox: DeliveryOutbox;

  constructor(sql: SqlStorage, env: Env) {
    this.#env = env;
    this.#schedules = new ScheduleStore(sql);
    this.#inbox = new InboxStore(sql);
    this.#outbox = new DeliveryOutbox(sql);
  }

  /**
   * Each due schedule becomes one turn whose source message id is the schedule and its due time,
   * so an alarm delivered twice enqueues it once. Missed runs (the object was down across several
   * due times) collapse into one run now: the next due time is computed from now, not from the missed one.
   * A heartbeat whose HEARTBEAT.md asks for nothing is skipped without a turn.
   */
  async enqueueDue(employeeId: string, enqueue: (turn: ScheduledTurn) => Promise<{ fresh: boolean }>, heartbeatInstructions: () => Promise<string>): Promise<void> {
    const now = scheduleClock.now();
    for (const run of this.#schedules.due(now)) {
      const skip = run.kind === "heartbeat" && !hasHeartbeatInstructions(await heartbeatInstructions());
      const { fresh } = skip ? { fresh: false } : await enqueue({ sourceMessageId: scheduledRunId(run.scheduleId, run.dueMs), message: run.prompt });
      const timing = this.#schedules.timing(run.scheduleId);
      this.#schedules.advance(run.scheduleId, now, timing ? nextDue(timing.timing, now, timing.anchorMs) : null);
      if (fresh) await this.#audit([scheduleAudit(this.#env.DB, "schedule.run", { actor: employeeId, employeeId, scheduleId: run.scheduleId, detail: { dueAt: new Date(run.dueMs).toISOString() } })]);
    }
  }

  /** When the object's single alarm must next fire: a schedule due or a delivery to retry; null for never. */
  nextWake(): number | null {
    const times = [this.#schedules.earliestDue(), this.#outbox.earliest()].filter((t) => t !== null);
    return times.length ? Math.min(...times) : null;
  }

  /** A turn's schedule changes, validated and stored; every change and refusal audited. */
  async apply(employeeId: string, changes: readonly ScheduleChange[]): Promise<void> {
    const db = this.#env.DB;
    const { applied, rejected } = applyScheduleChanges(this.#schedules, changes, scheduleClock.now());
    await this.#audit([
      ...applied.map((change) => scheduleAudit(db, change.type, { actor: employeeId, employeeId, scheduleId: change.id, detail: change.detail })),
      ...rejected.map((r) => scheduleAudit(db, "schedule.rejected", { actor: employeeId, employeeId, scheduleId: r.id, detail: { reason: r.reason } })),
    ]);
  }

  list(employeeId: string): Schedule[] {
    return this.#schedules.list(employeeId);
  }

  /** The employee pauses or resumes a schedule from the portal; null when there is no such schedule. */
  async setPaused(employeeId: string, id: string, paused: boolean, actor: string): Promise<Schedule | null> {
    const timing = this.#schedules.timing(id);
    const current = this.#schedules.get(id, employeeId);
    if (!timing || !current) return null;
    if (current.status === "finished" || current.status === (paused ? "paused" : "active")) return current;
    const now = scheduleClock.now();
    // Resuming starts from now: the runs missed while paused are skipped, not caught up.
    const next = paused ? (current.nextRunAt ? Date.parse(current.nextRunAt) : null) : nextDue(timing.timing, now, timing.anchorMs);
    this.#schedules.setStatus(id, next === null ? "finished" : paused ? "paused" : "active", next, now);
    await this.#env.DB.batch([scheduleAudit(this.#env.DB, paused ? "schedule.paused" : "schedule.resumed", { actor, employeeId, scheduleId: id })]);
    return this.#schedules.get(id, employeeId);
  }

  async delete(employeeId: string, id: string, actor: string): Promise<boolean> {
    if (!this.#schedules.delete(id)) return false;
    await this.#env.DB.batch([scheduleAudit(this.#env.DB, "schedule.deleted", { actor, employeeId, scheduleId: id, detail: { by: "employee" } })]);
    return true;
  }

  /** The heartbeat as the portal shows it; `instructions` is HEARTBEAT.md's text. */
  heartbeat(employeeId: string, instructions: string): HeartbeatSettings {
    const schedule = this.#schedules.heartbeat(HEARTBEAT_SCHEDULE_ID, employeeId);
    const everyMs = schedule?.timing.kind === "every" ? schedule.timing.everyMs : DEFAULT_HEARTBEAT_MINUTES * 60_000;
    return { enabled: schedule?.status === "active", everyMinutes: Math.round(everyMs / 60_000), nextRunAt: schedule?.status === "active" ? schedule.nextRunAt : null, instructions };
  }

  /** The employee switches the heartbeat on or off or changes its interval (validated by the API: 30–1440 minutes); audited when it changed. */
  async setHeartbeat(employeeId: string, enabled: boolean, everyMinutes: number, actor: string): Promise<void> {
    const changed = this.#schedules.setHeartbeat({ id: HEARTBEAT_SCHEDULE_ID, name: "Heartbeat", prompt: HEARTBEAT_PROMPT }, everyMinutes * 60_000, enabled, scheduleClock.now());
    if (changed) await this.#env.DB.batch([scheduleAudit(this.#env.DB, "heartbeat.updated", { actor, employeeId, scheduleId: HEARTBEAT_SCHEDULE_ID, detail: { enabled, everyMinutes } })]);
  }

  inbox(limit: number): { items: InboxItem[]; unread: number } {
    return this.#inbox.list(limit);
  }

  markRead(id: string, at: string): boolean {
    return this.#inbox.markRead(id, at);
  }

  /**
   * Puts a scheduled run's reply, or the notice that it could not run (`failed`), in the outbox.
   * Synchronous, so the object writes it in the same transaction that marks the turn done or
   * failed: no eviction can fall between the two.
   */
  queueDelivery(run: { turnId: string; sourceMessageId: string }, reply: string, at: string, failed: boolean): void {
    const scheduleId = scheduleOfRun(run.sourceMessageId);
    const heartbeat = scheduleId === HEARTBEAT_SCHEDULE_ID;
    // An agent with nothing to say (NO_REPLY) stays silent: no message, no inbox item. A heartbeat
    // that could not run (runtime down, budget spent) stays silent too, or it would say so at every
    // interval; the failure is audited with the turn.
    if (!failed && isSilentReply(reply)) return;
    if (heartbeat && (failed || isSilentHeartbeatReply(reply))) return;
    const name = heartbeat ? "Heartbeat" : scheduleId ? this.#schedules.get(scheduleId, "")?.name : undefined;
    this.#outbox.add({ turnId: run.turnId, scheduleId, title: name || "Scheduled task", text: reply, createdAt: at }, scheduleClock.now());
  }

  /**
   * Sends every reply whose attempt is due to the employee's preferred paired channel. A failure
   * that may pass is retried after DELIVERY_RETRY_DELAYS_MS; with no channel paired, a permanent
   * refusal, or the last attempt failed, the reply lands in the portal inbox (one item per run),
   * the failure shown on the item and audited.
   */
  async deliverDue(employeeId: string): Promise<void> {
    for (const item of this.#outbox.due(scheduleClock.now())) {
      const sent = await deliverToChannel(this.#env, employeeId, `⏰ ${item.title}\n\n${item.text || "(Your agent finished without a reply.)"}`);
      if (sent.delivered) {
        this.#outbox.remove(item.turnId);
        continue;
      }
      const attempts = item.attempts + 1;
      const delay = DELIVERY_RETRY_DELAYS_MS[attempts - 1];
      if (sent.retryable && delay !== undefined) this.#outbox.retryAt(item.turnId, attempts, scheduleClock.now() + delay, sent.error ?? "");
      else await this.#toInbox(employeeId, item, { ...sent, attempts });
    }
  }

  async #toInbox(employeeId: string, item: OutboxItem, failure: { channel: string | null; error: string | null; attempts: number }): Promise<void> {
    this.#inbox.add({ id: ulid(), scheduleId: item.scheduleId, turnId: item.turnId, title: item.title, text: item.text, at: item.createdAt, deliveryError: failure.error });
    this.#outbox.remove(item.turnId);
    if (failure.error === null) return;
    const detail = { turnId: item.turnId, channel: failure.channel, error: failure.error, attempts: failure.attempts };
    await this.#audit([scheduleAudit(this.#env.DB, "schedule.delivery_failed", { actor: employeeId, employeeId, scheduleId: item.scheduleId ?? "", detail })]);
  }

  /** Audit writes are best effort here: a run or change already stored must not fail with them. */
  async #audit(statements: D1PreparedStatement[]): Promise<void> {
    if (statements.length) await this.#env.DB.batch(statements).catch(() => undefined);
  }
}

import type { InboxItem, Schedule, ScheduleChange } from "@clawgate/contracts";
import { ulid } from "ulid";
import type { Env } from "../env.ts";
import { applyScheduleChanges, scheduledRunId, scheduleOfRun } from "./apply-changes.ts";
import { scheduleAudit } from "./audit.ts";
import { deliverToChannel } from "./channel-delivery.ts";
import { scheduleClock } from "./clock.ts";
import { InboxStore } from "./inbox-store.ts";
import { ScheduleStore } from "./schedule-store.ts";
import { nextDue } from "./timing.ts";

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

  constructor(sql: SqlStorage, env: Env) {
    this.#env = env;
    this.#schedules = new ScheduleStore(sql);
    this.#inbox = new InboxStore(sql);
  }

  /**
   * Each due schedule becomes one turn whose source message id is the schedule and its due time,
   * so an alarm delivered twice enqueues it once. Missed runs (the object was down across several
   * due times) collapse into one run now: the next due time is computed from now, not from the missed one.
   */
  async enqueueDue(employeeId: string, enqueue: (turn: ScheduledTurn) => Promise<{ fresh: boolean }>): Promise<void> {
    const now = scheduleClock.now();
    for (const run of this.#schedules.due(now)) {
      const { fresh } = await enqueue({ sourceMessageId: scheduledRunId(run.scheduleId, run.dueMs), message: run.prompt });
      const timing = this.#schedules.timing(run.scheduleId);
      this.#schedules.advance(run.scheduleId, now, timing ? nextDue(timing.timing, now, timing.anchorMs) : null);
      if (fresh) await this.#audit([scheduleAudit(this.#env.DB, "schedule.run", { actor: employeeId, employeeId, scheduleId: run.scheduleId, detail: { dueAt: new Date(run.dueMs).toISOString() } })]);
    }
  }

  /** When the object's single alarm must next fire for the schedules, or null for never. */
  earliestDue(): number | null {
    return this.#schedules.earliestDue();
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

  inbox(limit: number): { items: InboxItem[]; unread: number } {
    return this.#inbox.list(limit);
  }

  markRead(id: string, at: string): boolean {
    return this.#inbox.markRead(id, at);
  }

  /**
   * A scheduled run's reply goes to the employee's preferred paired channel; with none, or when the
   * send still fails after its retries, to the portal inbox (one item per run), the failure shown
   * on the item and audited.
   */
  async deliver(run: { turnId: string; sourceMessageId: string }, employeeId: string, reply: string, at: string): Promise<void> {
    const scheduleId = scheduleOfRun(run.sourceMessageId);
    const name = scheduleId ? this.#schedules.get(scheduleId, "")?.name : undefined;
    const title = name || "Scheduled task";
    const sent = await deliverToChannel(this.#env, employeeId, `⏰ ${title}\n\n${reply || "(Your agent finished without a reply.)"}`);
    if (sent.delivered) return;
    this.#inbox.add({ id: ulid(), scheduleId, turnId: run.turnId, title, text: reply, at, deliveryError: sent.error });
    if (sent.error !== null) {
      const detail = { turnId: run.turnId, channel: sent.channel, error: sent.error };
      await this.#audit([scheduleAudit(this.#env.DB, "schedule.delivery_failed", { actor: employeeId, employeeId, scheduleId: scheduleId ?? "", detail })]);
    }
  }

  /** Audit writes are best effort here: a run or change already stored must not fail with them. */
  async #audit(statements: D1PreparedStatement[]): Promise<void> {
    if (statements.length) await this.#env.DB.batch(statements).catch(() => undefined);
  }
}

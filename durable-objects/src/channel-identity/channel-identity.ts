import { DurableObject } from "cloudflare:workers";
import { auditDetailJson } from "@clawgate/contracts";
import { ulid } from "ulid";
import type { Env } from "../env.ts";
import type { TurnOutcome } from "../employee-agent/employee-agent.ts";
import { replyChunks, sendReplyChunk, type InlineButton } from "../channels/outbound.ts";
import { PlatformApiError } from "../channels/platform-call.ts";
import { withTimeout } from "../channels/with-timeout.ts";
import type { ChannelPlatform, InboundEvent } from "./inbound.ts";
import { IdentityStore, type Outgoing, type OutboxRow } from "./identity-store.ts";
import { interruptedPolicy, REPLY_INTERRUPTED } from "./interrupted-send.ts";
import { routeEvent, type Route } from "./pairing-dialogue.ts";
import * as say from "./pairing-messages.ts";
import { CHANNEL_MESSAGES_PER_WINDOW, CHANNEL_WINDOW_MS, SLOW_DOWN, verdictFor, windowStartOf } from "./rate-limit.ts";

const MAX_DELIVERY_ATTEMPTS = 6;
/** How long a turn waits for D1 to confirm the binding before the account is told to try again. */
const BINDING_CHECK_TIMEOUT_MS = 3_000;
/** How long a pairing step waits for the directory and D1 before the account gets the instructions. */
const PAIRING_STEP_TIMEOUT_MS = 5_000;
const DELIVERY_BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];
/**
 * Delivery starts in this object as soon as an event is recorded; an alarm this far ahead is the
 * backstop should the object go away first. Setting it only when none is pending keeps the alarm
 * scheduler's write (and the alarm's own invocation) off all but the first message of a burst.
 */
const BACKSTOP_MS = 10_000;
/** Old event ids are pruned by a scan of what was seen, so at most this often (and on a fresh object's first drain). */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export type ReceiveResult = { duplicate: boolean };

const INSTRUCTIONS: Outgoing = { kind: "text", text: say.PAIRING_INSTRUCTIONS };

/**
 * One per IM account on one platform (DESIGN §3): the authority for that account's binding to an
 * employee and for inbound dedupe. The ack path is one RPC and one storage transaction that reads
 * nothing outside this object: the event is deduplicated, counted against the flood limit and its
 * work queued in this object's outbox before the platform gets its 2xx — a reply or a turn when
 * this object's state decides it, else the event itself. Everything slower (pairing lookups, D1,
 * audit, the agent turn, sending) happens afterwards, in arrival order: started by the ack in this
 * object, resumed by the alarm if the object went away first.
 */
export class ChannelIdentity extends DurableObject<Env> {
  readonly #store: IdentityStore;
  #draining: Promise<void> | null = null;
  #prunedAt = 0;
  /** Which account this object is: written with its first event, never changed, so read once. */
  #who: { platform: ChannelPlatform; account: string } | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new IdentityStore(ctx.storage.sql);
    // An outbox left behind by a crash or reset resumes by itself, whether or not an alarm survived.
    void ctx.blockConcurrencyWhile(() => this.#wake());
  }

  /** Ingress: dedupe, rate count and record, in one transaction; no lookup outside this object. */
  async receive(platform: ChannelPlatform, platformUserId: string, event: InboundEvent): Promise<ReceiveResult> {
    const now = Date.now();
    const first = this.ctx.storage.transactionSync(() => {
      if (!this.#identity()) {
        this.#store.setMeta("platform", platform);
        this.#store.setMeta("account", platformUserId);
      }
      if (!this.#store.firstSighting(event.eventId, now)) return false;
      // Refused messages are acknowledged (the platform stops retrying) but never a turn; one notice per window.
      const verdict = verdictFor(this.#store.countMessage(windowStartOf(now)));
      if (verdict === "first_refusal") this.#store.queueInbound(event, "rate_limited");
      if (verdict !== "allowed") return true;
      const route = this.#routeSafely(event);
      if ("now" in route) this.#queue(event, route.now);
      else this.#store.queueInbound(event);
      return true;
    });
    if (first) await this.#deliverSoon();
    return { duplicate: !first };
  }

  /** The binding, for listings; null when unpaired. */
  async binding(): Promise<{ bindingId: string; employeeId: string; pairedAt: string } | null> {
    const row = this.#store.binding();
    return row ? { bindingId: row.binding_id, employeeId: row.employee_id, pairedAt: row.paired_at } : null;
  }

  /** Unpairs if this is still the given binding; the next message gets the pairing instructions. */
  async unbind(bindingId: string): Promise<boolean> {
    return this.#store.unbind(bindingId);
  }

  /** One drain at a time: two loops would both take the head entry and route or send it twice. */
  override async alarm(): Promise<void> {
    // Joining a running drain is not enough: it may have looked at the outbox before our entry.
    while (this.#draining) await this.#draining;
    await this.#startDrain();
  }

  /** Starts delivering what the ack recorded, here and now; the backstop alarm covers an object that goes away first. */
  async #deliverSoon(): Promise<void> {
    // A running drain reads the outbox again after each entry, so it reaches this one too.
    if (!this.#draining) this.#startDrain().catch((error: unknown) => console.error("channel delivery interrupted; the alarm resumes it", error));
    try {
      if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + BACKSTOP_MS);
    } catch (error) {
      // The event is recorded and being delivered: the platform gets its 2xx, not the "cannot check" fallback.
      console.error("channel backstop alarm not set; delivery goes on in this object", error);
    }
  }

  #startDrain(): Promise<void> {
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
    });
    return this.#draining;
  }

  async #drain(): Promise<void> {
    for (let row = this.#store.nextOutbox(); row; row = this.#store.nextOutbox()) {
      if (row.next_at > Date.now()) {
        await this.ctx.storage.setAlarm(row.next_at);
        return;
      }
      try {
        await this.#process(row);
      } catch (error) {
        const retryable = !(error instanceof PlatformApiError) || error.retryable;
        if (!retryable || row.attempts + 1 >= MAX_DELIVERY_ATTEMPTS) {
          console.error(`channel delivery given up after ${row.attempts + 1} attempt(s)`, error);
          // A turn that never ran is answered with a plain failure; a text the platform refused is dropped.
          if (row.kind === "turn") this.#store.becomeText(row.seq, "text", say.AGENT_UNAVAILABLE);
          else this.#store.delivered(row.seq);
        } else {
          this.#store.postpone(row.seq, Date.now() + (DELIVERY_BACKOFF_MS[row.attempts] ?? 1_800_000));
        }
      }
    }
    if (Date.now() - this.#prunedAt >= PRUNE_EVERY_MS) {
      this.#prunedAt = Date.now();
      this.#store.forgetOldEvents(this.#prunedAt);
    }
  }

  async #process(row: OutboxRow): Promise<void> {
    if (row.kind === "inbound") return this.#route(row);
    if (row.kind === "rate_limited") return this.#refuse(row);
    const text = row.kind === "turn" ? await this.#runTurn(row) : row;
    await this.#send(text);
    this.#store.delivered(row.seq);
  }

  /** An event whose route needed the directory or D1 becomes its replies, queued behind what already waits. */
  async #route(row: OutboxRow): Promise<void> {
    const event = JSON.parse(row.text) as InboundEvent;
    const route = this.#routeSafely(event);
    let outgoing: Outgoing[];
    try {
      outgoing = "now" in route ? route.now : await withTimeout(route.later(), PAIRING_STEP_TIMEOUT_MS);
    } catch (error) {
      console.error("channel routing failed; answering with pairing instructions", error);
      outgoing = [INSTRUCTIONS];
    }
    this.ctx.storage.transactionSync(() => {
      this.#queue(event, outgoing);
      this.#store.delivered(row.seq);
    });
  }

  /** Fail closed: whatever breaks while routing, the account learns how to pair and reaches no agent. */
  #routeSafely(event: InboundEvent): Route {
    try {
      return routeEvent({ env: this.env, store: this.#store, platform: this.#platform(), id: this.#account() }, event);
    } catch (error) {
      console.error("channel routing failed; answering with pairing instructions", error);
      return { now: [INSTRUCTIONS] };
    }
  }

  #queue(event: InboundEvent, outgoing: Outgoing[]): void {
    const callbackId = event.kind === "button" ? event.callbackId : undefined;
    // The first reply to a button press also stops its spinner.
    for (const [i, next] of outgoing.entries()) this.#store.queueOutgoing(event.chatId, i === 0 && next.kind === "text" && callbackId ? { ...next, callbackId } : next);
  }

  /** The window's one slow-down notice; the audit is written here, off the ack path. */
  async #refuse(row: OutboxRow): Promise<void> {
    this.ctx.storage.transactionSync(() => {
      this.#store.queueText(row.chat_id, SLOW_DOWN, row.callback_id ? { callbackId: row.callback_id } : {});
      this.#store.delivered(row.seq);
    });
    const employeeId = this.#store.binding()?.employee_id ?? null;
    await this.env.DB.prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, 'channel.rate_limited', ?, ?, ?)")
      .bind(ulid(), new Date(row.next_at).toISOString(), employeeId ?? "anonymous", employeeId, auditDetailJson({ channel: this.#platform(), limit: CHANNEL_MESSAGES_PER_WINDOW, windowSeconds: CHANNEL_WINDOW_MS / 1000 }))
      .run()
      // The limit already held and the notice is queued; a lost audit row must not repeat either.
      .catch((error: unknown) => console.error("channel.rate_limited not audited", error));
  }

  /** Runs the turn (idempotent on the event id) and keeps its reply in the entry; returns the entry to send. */
  async #runTurn(row: OutboxRow): Promise<OutboxRow> {
    const answer = (kind: "reply" | "text", text: string): OutboxRow => {
      this.#store.becomeText(row.seq, kind, text);
      return { ...row, kind, text, sent_chunks: 0, sending: 0 };
    };
    const binding = this.#store.binding();
    if (!binding) return answer("text", say.PAIRING_INSTRUCTIONS);
    let listed: unknown;
    try {
      listed = await withTimeout(
        this.env.DB.prepare("SELECT 1 AS one FROM channel_bindings WHERE id = ? AND employee_id = ?").bind(binding.binding_id, row.employee_id).first(),
        BINDING_CHECK_TIMEOUT_MS,
      );
    } catch (error) {
      // Fail closed: an unconfirmed binding reaches no agent; the employee is told to try again.
      console.error("channel binding not confirmed by D1", error);
      return answer("text", say.TRY_AGAIN);
    }
    if (!listed) {
      // Unpaired since the message arrived, or the employee is gone (their D1 copy goes with them): no agent.
      this.#store.unbind(binding.binding_id);
      return answer("text", say.PAIRING_INSTRUCTIONS);
    }
    const agent = this.env.EMPLOYEE_AGENT.getByName(row.employee_id!);
    // Same access path as the portal, so the same session and memory; idempotent on the event id.
    const outcome = (await agent.send({ employeeId: row.employee_id!, accessPath: "employee", sourceMessageId: row.source_message_id!, message: row.text })) as TurnOutcome;
    const reply = outcome.ok ? outcome.result.reply || "(Your agent finished without a reply.)" : outcome.error.message;
    const sendable = answer("reply", reply);
    await this.env.DB.prepare("UPDATE channel_bindings SET message_count = message_count + 1, last_activity_at = ? WHERE channel = ? AND platform_user_id = ?")
      .bind(new Date().toISOString(), this.#platform(), this.#account())
      .run()
      .catch((error: unknown) => console.error("channel activity not recorded", error));
    return sendable;
  }

  /**
   * Sends the entry's text piece by piece, each piece but the last marked sent as it goes, so a
   * crash can only ever leave one piece in doubt. Where that piece must not be repeated
   * (interrupted-send.ts), it is also marked "sending", durably, before the platform sees it.
   */
  async #send(row: OutboxRow): Promise<void> {
    const platform = this.#platform();
    const chunks = replyChunks(platform, row.text);
    const buttons = JSON.parse(row.buttons) as InlineButton[];
    const atMostOnce = interruptedPolicy(platform, row.kind) === "notify";
    for (let i = row.sent_chunks; i < chunks.length; i++) {
      const chunk = atMostOnce && i === row.sent_chunks && row.sending === 1 ? REPLY_INTERRUPTED : chunks[i]!;
      if (atMostOnce) {
        this.#store.sendingChunk(row.seq, i);
        await this.ctx.storage.sync();
      }
      try {
        await sendReplyChunk(this.env, platform, row.chat_id, chunk, {
          buttons: i === chunks.length - 1 ? buttons : [],
          callbackId: i === 0 ? row.callback_id : null,
          idempotencyKey: `${this.ctx.id.toString().slice(0, 32)}-${row.seq}-${i}`,
        });
      } catch (error) {
        if (atMostOnce) this.#store.chunkFailed(row.seq);
        throw error;
      }
      // The last piece needs no mark: the caller deletes the entry in the same turn of the event loop.
      if (i < chunks.length - 1) this.#store.chunkSent(row.seq, i);
    }
  }

  async #wake(): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    const next = this.#store.nextOutbox();
    if (next && (current === null || current > next.next_at)) await this.ctx.storage.setAlarm(next.next_at);
  }

  #identity(): { platform: ChannelPlatform; account: string } | undefined {
    if (!this.#who) {
      const account = this.#store.meta("account");
      if (account) this.#who = { platform: this.#store.meta("platform") as ChannelPlatform, account };
    }
    return this.#who;
  }

  #account(): string {
    return this.#identity()!.account;
  }

  #platform(): ChannelPlatform {
    return this.#identity()!.platform;
  }
}

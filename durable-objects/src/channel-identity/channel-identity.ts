import { DurableObject } from "cloudflare:workers";
import { auditDetailJson } from "@clawgate/contracts";
import { ulid } from "ulid";
import type { Env } from "../env.ts";
import { bumpConfigVersion } from "../turn/control-plane.ts";
import type { TurnOutcome } from "../employee-agent/employee-agent.ts";
import { normalizePairingCode } from "../channel-directory/pairing-code.ts";
import { sendReply, type InlineButton } from "../channels/outbound.ts";
import { PlatformApiError } from "../channels/platform-call.ts";
import type { ChannelPlatform, InboundEvent } from "./inbound.ts";
import { IdentityStore, type OutboxRow } from "./identity-store.ts";
import * as say from "./pairing-messages.ts";
import { CHANNEL_MESSAGES_PER_WINDOW, CHANNEL_WINDOW_MS, SLOW_DOWN, verdictFor, windowStartOf } from "./rate-limit.ts";

const MAX_DELIVERY_ATTEMPTS = 6;
const DELIVERY_BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];

export type ReceiveResult = { duplicate: boolean };

/**
 * One per IM account on one platform (DESIGN §3): the authority for that account's binding to an
 * employee and for inbound dedupe. A webhook event is recorded and its work queued in this
 * object's outbox before the platform gets its 2xx; the alarm then runs the turn in the
 * employee's EmployeeAgent (idempotent on the event id) and delivers the reply, in order.
 */
export class ChannelIdentity extends DurableObject<Env> {
  readonly #store: IdentityStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new IdentityStore(ctx.storage.sql);
  }

  /** Ingress: dedupe, then pairing dialogue, an agent turn (paired) or the pairing instructions (anything else). */
  async receive(platform: ChannelPlatform, platformUserId: string, event: InboundEvent): Promise<ReceiveResult> {
    if (!this.#store.meta("account")) {
      this.#store.setMeta("platform", platform);
      this.#store.setMeta("account", platformUserId);
    }
    if (!this.#store.firstSighting(event.eventId)) return { duplicate: true };
    const now = Date.now();
    const verdict = verdictFor(this.#store.countMessage(windowStartOf(now)));
    if (verdict !== "allowed") {
      // Acknowledged (the platform stops retrying) but never a turn; one notice and one audit event per window.
      if (verdict === "first_refusal") await this.#refuse(platform, event, now);
      return { duplicate: false };
    }
    try {
      await this.#route(platform, event);
    } catch (error) {
      // Fail closed: whatever broke, this account learns how to pair and reaches no agent.
      console.error("channel ingress failed; answering with pairing instructions", error);
      this.#store.queueText(event.chatId, say.PAIRING_INSTRUCTIONS, event.kind === "button" ? { callbackId: event.callbackId } : {});
    }
    await this.#wake();
    return { duplicate: false };
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

  override async alarm(): Promise<void> {
    for (let row = this.#store.nextOutbox(); row; row = this.#store.nextOutbox()) {
      if (row.next_at > Date.now()) {
        await this.ctx.storage.setAlarm(row.next_at);
        return;
      }
      try {
        await this.#deliver(row);
        this.#store.delivered(row.seq);
      } catch (error) {
        const retryable = !(error instanceof PlatformApiError) || error.retryable;
        if (!retryable || row.attempts + 1 >= MAX_DELIVERY_ATTEMPTS) {
          console.error(`channel delivery dropped after ${row.attempts + 1} attempt(s)`, error);
          this.#store.delivered(row.seq);
        } else {
          this.#store.postpone(row.seq, Date.now() + (DELIVERY_BACKOFF_MS[row.attempts] ?? 1_800_000));
        }
      }
    }
  }

  async #refuse(platform: ChannelPlatform, event: InboundEvent, now: number): Promise<void> {
    this.#store.queueText(event.chatId, SLOW_DOWN, event.kind === "button" && event.callbackId ? { callbackId: event.callbackId } : {});
    await this.#wake();
    const employeeId = this.#store.binding()?.employee_id ?? null;
    await this.env.DB.prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, 'channel.rate_limited', ?, ?, ?)")
      .bind(ulid(), new Date(now).toISOString(), employeeId ?? "anonymous", employeeId, auditDetailJson({ channel: platform, limit: CHANNEL_MESSAGES_PER_WINDOW, windowSeconds: CHANNEL_WINDOW_MS / 1000 }))
      .run()
      // The limit already held; a lost audit row must not turn the refusal into a platform retry.
      .catch((error: unknown) => console.error("channel.rate_limited not audited", error));
  }

  async #route(platform: ChannelPlatform, event: InboundEvent): Promise<void> {
    if (event.kind === "button") {
      const [, action, code] = event.data.split(":");
      if (action === "confirm" && code) return this.#confirm(platform, event.chatId, code, event.callbackId);
      if (action === "cancel") return this.#cancelClaim(event.chatId, event.callbackId);
      this.#store.queueText(event.chatId, say.PAIRING_INSTRUCTIONS, { callbackId: event.callbackId });
      return;
    }
    const text = event.text.trim();
    const start = /^\/start(?:@\S+)?(?:\s+(\S+))?$/i.exec(text);
    const binding = this.#store.binding();
    const pending = this.#store.pendingClaim();
    if (start?.[1] || (!binding && normalizePairingCode(text))) return this.#claim(platform, event.chatId, start?.[1] ?? text);
    if (pending && /^(yes|y|confirm)$/i.test(text)) return this.#confirm(platform, event.chatId, pending.code);
    if (pending && /^(no|n|cancel)$/i.test(text)) return this.#cancelClaim(event.chatId);
    if (!binding || start) {
      this.#store.queueText(event.chatId, binding ? say.ALREADY_PAIRED_TO_SELF : say.PAIRING_INSTRUCTIONS);
      return;
    }
    this.#store.queueTurn(event.chatId, binding.employee_id, `${platform}:${event.eventId}`, event.text);
  }

  async #claim(platform: ChannelPlatform, chatId: string, typed: string): Promise<void> {
    const code = normalizePairingCode(typed);
    if (!code) return this.#store.queueText(chatId, say.refusalMessage("unknown"));
    const directory = this.env.CHANNEL_DIRECTORY.getByName(platform);
    const binding = this.#store.binding();
    if (binding) {
      // Only peek: a paired account must not reserve a code meant for another account.
      const owner = await directory.peek(code);
      return this.#store.queueText(chatId, owner.ok && owner.employeeId === binding.employee_id ? say.ALREADY_PAIRED_TO_SELF : say.ALREADY_PAIRED_TO_OTHER);
    }
    const step = await directory.claim(code, this.#account());
    if (!step.ok) return this.#store.queueText(chatId, say.refusalMessage(step.reason));
    const who = await employeeLabel(this.env.DB, step.employeeId);
    this.#store.setPendingClaim({ code, employee_id: step.employeeId });
    const buttons: InlineButton[] = [
      { text: "Confirm", callbackData: `pair:confirm:${code}` },
      { text: "Cancel", callbackData: "pair:cancel" },
    ];
    this.#store.queueText(chatId, say.confirmPrompt(who.name, who.position), { buttons });
  }

  async #confirm(platform: ChannelPlatform, chatId: string, code: string, callbackId?: string): Promise<void> {
    const options = callbackId ? { callbackId } : {};
    const existing = this.#store.binding();
    if (existing) return this.#store.queueText(chatId, say.ALREADY_PAIRED_TO_OTHER, options);
    const step = await this.env.CHANNEL_DIRECTORY.getByName(platform).confirm(code, this.#account());
    if (!step.ok) return this.#store.queueText(chatId, say.refusalMessage(step.reason), options);
    // The directory spent the code; a binding made meanwhile by an interleaved confirm still wins.
    if (this.#store.binding()) return this.#store.queueText(chatId, say.ALREADY_PAIRED_TO_OTHER, options);
    const binding = { binding_id: `chb_${ulid()}`, employee_id: step.employeeId, paired_at: new Date().toISOString() };
    // D1 first: if it fails, nothing is bound (the turn path requires both to agree).
    await recordPairing(this.env.DB, platform, this.#account(), binding);
    this.#store.bind(binding);
    this.#store.setPendingClaim(null);
    const who = await employeeLabel(this.env.DB, step.employeeId);
    this.#store.queueText(chatId, say.PAIRED(who.name), options);
  }

  #cancelClaim(chatId: string, callbackId?: string): void {
    this.#store.setPendingClaim(null);
    this.#store.queueText(chatId, say.PAIRING_CANCELLED, callbackId ? { callbackId } : {});
  }

  async #deliver(row: OutboxRow): Promise<void> {
    const platform = this.#store.meta("platform") as ChannelPlatform;
    if (row.kind === "text") return sendReply(this.env, platform, row.chat_id, row.text, JSON.parse(row.buttons) as InlineButton[], row.callback_id);
    const binding = this.#store.binding();
    const listed = binding
      ? await this.env.DB.prepare("SELECT 1 AS one FROM channel_bindings WHERE id = ? AND employee_id = ?").bind(binding.binding_id, row.employee_id).first()
      : null;
    if (!binding || !listed) {
      // Unpaired since the message arrived, or the employee is gone (their D1 copy goes with them): no agent.
      if (binding) this.#store.unbind(binding.binding_id);
      return sendReply(this.env, platform, row.chat_id, say.PAIRING_INSTRUCTIONS, [], row.callback_id);
    }
    const agent = this.env.EMPLOYEE_AGENT.getByName(row.employee_id!);
    // Same access path as the portal, so the same session and memory; idempotent on the event id.
    const outcome = (await agent.send({ employeeId: row.employee_id!, accessPath: "employee", sourceMessageId: row.source_message_id!, message: row.text })) as TurnOutcome;
    const reply = outcome.ok ? outcome.result.reply || "(Your agent finished without a reply.)" : outcome.error.message;
    await sendReply(this.env, platform, row.chat_id, reply, [], row.callback_id);
    await this.env.DB.prepare(
      "UPDATE channel_bindings SET message_count = message_count + 1, last_activity_at = ? WHERE channel = ? AND platform_user_id = ?",
    )
      .bind(new Date().toISOString(), platform, this.#account())
      .run()
      .catch((error: unknown) => console.error("channel activity not recorded", error));
  }

  async #wake(): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    const next = this.#store.nextOutbox();
    if (next && (current === null || current > next.next_at)) await this.ctx.storage.setAlarm(next.next_at);
  }

  #account(): string {
    return this.#store.meta("account")!;
  }
}

async function employeeLabel(db: D1Database, employeeId: string): Promise<{ name: string; position: string }> {
  const row = await db
    .prepare("SELECT e.name AS name, p.name AS position FROM employees e JOIN positions p ON p.id = e.position_id WHERE e.id = ?")
    .bind(employeeId)
    .first<{ name: string; position: string }>();
  if (!row) throw new Error(`employee ${employeeId} does not exist`);
  return row;
}

/** The D1 copy for listings and the audit event, in one batch. */
async function recordPairing(db: D1Database, channel: ChannelPlatform, account: string, binding: { binding_id: string; employee_id: string; paired_at: string }) {
  await db.batch([
    db.prepare("DELETE FROM channel_bindings WHERE channel = ? AND platform_user_id = ?").bind(channel, account),
    db
      .prepare("INSERT INTO channel_bindings (id, channel, platform_user_id, employee_id, paired_at, message_count) VALUES (?, ?, ?, ?, ?, 0)")
      .bind(binding.binding_id, channel, account, binding.employee_id, binding.paired_at),
    // The agent's plan lists its paired channels.
    bumpConfigVersion(db),
    db
      .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, 'channel.paired', ?, ?, ?)")
      .bind(ulid(), binding.paired_at, binding.employee_id, binding.employee_id, auditDetailJson({ channel, bindingId: binding.binding_id })),
  ]);
}

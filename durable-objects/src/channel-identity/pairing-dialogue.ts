import { auditDetailJson } from "@clawgate/contracts";
import { ulid } from "ulid";
import type { Env } from "../env.ts";
import { bumpConfigVersion } from "../turn/control-plane.ts";
import { normalizePairingCode } from "../channel-directory/pairing-code.ts";
import type { ChannelPlatform, InboundEvent } from "./inbound.ts";
import type { IdentityStore, Outgoing } from "./identity-store.ts";
import * as say from "./pairing-messages.ts";

/** What routing needs of the account's ChannelIdentity. */
export interface Account {
  env: Env;
  store: IdentityStore;
  platform: ChannelPlatform;
  /** The platform user id. */
  id: string;
}

const text = (message: string, extra: Omit<Extract<Outgoing, { kind: "text" }>, "kind" | "text"> = {}): Outgoing => ({ kind: "text", text: message, ...extra });

/** What an event leads to: known at once, or only after asking the directory and D1 (pairing). */
export type Route = { now: Outgoing[] } | { later: () => Promise<Outgoing[]> };

/**
 * Decides what one event leads to: the pairing dialogue (code, confirm, cancel), a turn for the
 * paired employee's agent, or the pairing instructions for anything else. Everything but a code
 * or a confirmation is decided from this object's own state, so the ack can queue it directly;
 * those two need the directory and D1, which the ack never waits for.
 */
export function routeEvent(account: Account, event: InboundEvent): Route {
  if (event.kind === "button") {
    const [, action, code] = event.data.split(":");
    if (action === "confirm" && code) return { later: () => confirm(account, code) };
    if (action === "cancel") return { now: cancelClaim(account) };
    return { now: [text(say.PAIRING_INSTRUCTIONS)] };
  }
  const typed = event.text.trim();
  const start = /^\/start(?:@\S+)?(?:\s+(\S+))?$/i.exec(typed);
  const binding = account.store.binding();
  const pending = account.store.pendingClaim();
  if (start?.[1] || (!binding && normalizePairingCode(typed))) return { later: () => claim(account, start?.[1] ?? typed) };
  if (pending && /^(yes|y|confirm)$/i.test(typed)) return { later: () => confirm(account, pending.code) };
  if (pending && /^(no|n|cancel)$/i.test(typed)) return { now: cancelClaim(account) };
  if (!binding || start) return { now: [text(binding ? say.ALREADY_PAIRED_TO_SELF : say.PAIRING_INSTRUCTIONS)] };
  // Same access path as the portal, so the same session and memory; idempotent on the event id.
  return { now: [{ kind: "turn", employeeId: binding.employee_id, sourceMessageId: `${account.platform}:${event.eventId}`, message: event.text }] };
}

async function claim(account: Account, typed: string): Promise<Outgoing[]> {
  const code = normalizePairingCode(typed);
  if (!code) return [text(say.refusalMessage("unknown"))];
  const directory = account.env.CHANNEL_DIRECTORY.getByName(account.platform);
  const binding = account.store.binding();
  if (binding) {
    // Only peek: a paired account must not reserve a code meant for another account.
    const owner = await directory.peek(code);
    return [text(owner.ok && owner.employeeId === binding.employee_id ? say.ALREADY_PAIRED_TO_SELF : say.ALREADY_PAIRED_TO_OTHER)];
  }
  const step = await directory.claim(code, account.id);
  if (!step.ok) return [text(say.refusalMessage(step.reason))];
  const who = await employeeLabel(account.env.DB, step.employeeId);
  account.store.setPendingClaim({ code, employee_id: step.employeeId });
  const buttons = [
    { text: "Confirm", callbackData: `pair:confirm:${code}` },
    { text: "Cancel", callbackData: "pair:cancel" },
  ];
  return [text(say.confirmPrompt(who.name, who.position), { buttons })];
}

async function confirm(account: Account, code: string): Promise<Outgoing[]> {
  if (account.store.binding()) return [text(say.ALREADY_PAIRED_TO_OTHER)];
  const step = await account.env.CHANNEL_DIRECTORY.getByName(account.platform).confirm(code, account.id);
  if (!step.ok) return [text(say.refusalMessage(step.reason))];
  // The directory spent the code; a binding made meanwhile by an interleaved confirm still wins.
  if (account.store.binding()) return [text(say.ALREADY_PAIRED_TO_OTHER)];
  const binding = { binding_id: `chb_${ulid()}`, employee_id: step.employeeId, paired_at: new Date().toISOString() };
  // D1 first: if it fails, nothing is bound (the turn path requires both to agree).
  await recordPairing(account.env.DB, account.platform, account.id, binding);
  account.store.bind(binding);
  account.store.setPendingClaim(null);
  const who = await employeeLabel(account.env.DB, step.employeeId);
  return [text(say.PAIRED(who.name))];
}

function cancelClaim(account: Account): Outgoing[] {
  account.store.setPendingClaim(null);
  return [text(say.PAIRING_CANCELLED)];
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

import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { identityName } from "@clawgate/durable-objects";
import { CHANNEL_MESSAGES_PER_WINDOW, CHANNEL_WINDOW_MS, SLOW_DOWN } from "../../durable-objects/src/channel-identity/rate-limit.ts";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { client, request, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { buttonUpdate, fakeTelegram, TELEGRAM_SECRET, textUpdate, type FakeTelegram } from "./telegram-fake.ts";

/**
 * The per-account IM flood limit, end to end through the Worker and the account's ChannelIdentity;
 * only Telegram and the agent runtime are faked, at the fetch boundary. The clock is faked so a
 * flood lands in one window and the next window is reached without waiting.
 */
let telegram: FakeTelegram;
let runtime: FakeRuntime;
let nextUser = 9100;

const postUpdate = (update: unknown) =>
  request("/webhooks/telegram", {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
    body: JSON.stringify(update),
  });

const identity = (userId: number) => testEnv.CHANNEL_IDENTITY.getByName(identityName("telegram", String(userId)));

async function deliver(userId: number): Promise<string[]> {
  await vi.waitFor(
    async () => {
      await runDurableObjectAlarm(identity(userId));
      const left = await runInDurableObject(identity(userId), (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n);
      expect(left).toBe(0);
    },
    { timeout: 20_000, interval: 50 },
  );
  return telegram.sentTo(userId);
}

async function post(update: unknown): Promise<void> {
  expect((await postUpdate(update)).status).toBe(200);
}

async function pair(cookie: string): Promise<number> {
  const userId = nextUser++;
  const issued = await client(cookie).post("/api/portal/channels/telegram/pairing", {});
  expect(issued.status).toBe(200);
  await post(textUpdate(userId, `/start ${issued.body.code}`));
  await post(buttonUpdate(userId, `pair:confirm:${issued.body.code}`));
  expect((await deliver(userId)).at(-1)).toMatch(/^Paired/);
  return userId;
}

/** Moves the faked clock to one second into the next window. */
function enterNextWindow() {
  const now = Date.now();
  vi.setSystemTime(now - (now % CHANNEL_WINDOW_MS) + CHANNEL_WINDOW_MS + 1_000);
}

const rateLimitedEvents = (employeeId: string) =>
  testEnv.DB.prepare("SELECT actor, employee_id, detail FROM audit_events WHERE type = 'channel.rate_limited' AND employee_id = ?").bind(employeeId).all();

describe("IM webhook rate limit", () => {
  let sarah: string;
  let carol: string;

  beforeAll(async () => {
    await seedAcme();
    sarah = await signInAs("emp-sarah");
    carol = await signInAs("emp-carol");
  });
  beforeEach(() => {
    runtime = fakeRuntime();
    telegram = fakeTelegram();
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
    telegram.restore();
    runtime.restore();
  });

  it("31 messages in a minute: 30 turns, one slow-down reply and one audit event; retries still dedupe; the next window works; others are unaffected", async () => {
    const flooder = await pair(sarah);
    const bystander = await pair(carol);
    enterNextWindow();

    const updates = Array.from({ length: CHANNEL_MESSAGES_PER_WINDOW + 2 }, (_, i) => textUpdate(flooder, `message ${i}`));
    for (const update of updates.slice(0, CHANNEL_MESSAGES_PER_WINDOW)) await post(update);
    // A platform retry of an accepted update is neither a second turn nor counted against the limit.
    await post(updates[0]);
    expect(await deliver(flooder)).not.toContain(SLOW_DOWN);
    await post(updates[CHANNEL_MESSAGES_PER_WINDOW]);
    await post(updates[CHANNEL_MESSAGES_PER_WINDOW + 1]);
    const replies = await deliver(flooder);
    expect(replies.filter((text) => text === SLOW_DOWN)).toHaveLength(1);
    const turns = runtime.invocations.map((i) => i.message);
    expect(turns).toEqual(updates.slice(0, CHANNEL_MESSAGES_PER_WINDOW).map((u) => u.message.text));
    const audited = await rateLimitedEvents("emp-sarah");
    expect(audited.results).toEqual([{ actor: "emp-sarah", employee_id: "emp-sarah", detail: expect.stringContaining('"channel":"telegram"') }]);

    // Another account in the same window is untouched.
    await post(textUpdate(bystander, "am I limited?"));
    await deliver(bystander);
    expect(runtime.invocations.at(-1)!.message).toBe("am I limited?");
    expect(telegram.sentTo(bystander)).not.toContain(SLOW_DOWN);

    // A refused update is acknowledged, so its retry is a duplicate, not a late turn.
    enterNextWindow();
    await post(updates[CHANNEL_MESSAGES_PER_WINDOW]);
    await post(textUpdate(flooder, "calmer now"));
    const later = await deliver(flooder);
    expect(runtime.invocations.at(-1)!.message).toBe("calmer now");
    expect(runtime.invocations.filter((i) => i.message === updates[CHANNEL_MESSAGES_PER_WINDOW]!.message.text)).toEqual([]);
    expect(later.filter((text) => text === SLOW_DOWN)).toHaveLength(1);
    expect((await rateLimitedEvents("emp-sarah")).results).toHaveLength(1);
    // 30 turns and their replies through the whole stack: slow on a busy machine, not stuck.
  }, 20_000);

  it("an unpaired account is limited too, and audited as anonymous", async () => {
    const userId = nextUser++;
    enterNextWindow();
    for (let i = 0; i <= CHANNEL_MESSAGES_PER_WINDOW + 5; i++) await post(textUpdate(userId, `spam ${i}`));
    const replies = await deliver(userId);
    expect(replies).toHaveLength(CHANNEL_MESSAGES_PER_WINDOW + 1);
    expect(replies.at(-1)).toBe(SLOW_DOWN);
    expect(runtime.invocations).toEqual([]);
    const audited = await testEnv.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'channel.rate_limited' AND actor = 'anonymous' AND detail LIKE '%telegram%'").first<{ n: number }>();
    expect(audited!.n).toBeGreaterThanOrEqual(1);
  });
});

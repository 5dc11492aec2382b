import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { identityName } from "@clawgate/durable-objects";
import { PAIRING_INSTRUCTIONS_FALLBACK } from "../src/webhooks/ingress.ts";
import { request } from "./org-client.ts";
import { testEnv } from "./seeded.ts";
import { fakeTelegram, TELEGRAM_SECRET, textUpdate, type FakeTelegram } from "./telegram-fake.ts";

/**
 * How a ChannelIdentity delivers what it acknowledged: at once, from the object itself, with an
 * alarm kept only as the backstop; and how it forgets the event ids it no longer needs.
 */
let telegram: FakeTelegram;
let nextUser = 7100;
const INSTRUCTIONS = /open the ClawGate portal/;
const DAY_MS = 24 * 60 * 60 * 1000;

const identity = (userId: number) => testEnv.CHANNEL_IDENTITY.getByName(identityName("telegram", String(userId)));

const postUpdate = async (update: unknown) => {
  const res = await request("/webhooks/telegram", {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
    body: JSON.stringify(update),
  });
  expect(res.status).toBe(200);
};

const inObject = <T>(userId: number, read: (sql: SqlStorage, storage: DurableObjectStorage) => T | Promise<T>) =>
  runInDurableObject(identity(userId), (_instance, state) => read(state.storage.sql, state.storage));

const outboxSize = (userId: number) => inObject(userId, (sql) => sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n);

const seenIds = (userId: number) => inObject(userId, (sql) => sql.exec<{ event_id: string }>("SELECT event_id FROM seen ORDER BY event_id").toArray().map((r) => r.event_id));

const waitForReplies = (userId: number, count: number) =>
  vi.waitFor(() => expect(telegram.sentTo(userId)).toHaveLength(count), { timeout: 10_000, interval: 20 });

describe("ChannelIdentity delivery", () => {
  beforeEach(() => {
    telegram = fakeTelegram();
  });
  afterEach(() => telegram.restore());

  it("answers an acknowledged update from the object itself, without waiting for an alarm; the backstop alarm then finds nothing to send", async () => {
    const userId = nextUser++;
    await postUpdate(textUpdate(userId, "hello"));
    await waitForReplies(userId, 1);
    expect(telegram.sentTo(userId)[0]).toMatch(INSTRUCTIONS);
    await vi.waitFor(async () => expect(await outboxSize(userId)).toBe(0));

    // The backstop was set with the first event and is still pending; running it sends nothing again.
    expect(await inObject(userId, (_sql, storage) => storage.getAlarm())).not.toBeNull();
    expect(await runDurableObjectAlarm(identity(userId))).toBe(true);
    expect(telegram.sentTo(userId)).toHaveLength(1);
  });

  it("a burst sets the backstop once and is answered in order, once per update", async () => {
    const userId = nextUser++;
    await postUpdate(textUpdate(userId, "first"));
    const backstop = await inObject(userId, (_sql, storage) => storage.getAlarm());
    for (const text of ["second", "third", "fourth"]) await postUpdate(textUpdate(userId, text));
    await waitForReplies(userId, 4);
    expect(await inObject(userId, (_sql, storage) => storage.getAlarm())).toBe(backstop);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(telegram.sentTo(userId)).toHaveLength(4);
  });

  it("still acknowledges and answers an update once when its backstop alarm cannot be set", async () => {
    const userId = nextUser++;
    await inObject(userId, (_sql, storage) => {
      storage.setAlarm = () => Promise.reject(new Error("alarm store unavailable"));
    });
    await postUpdate(textUpdate(userId, "hello"));
    await waitForReplies(userId, 1);
    // The recorded event's own answer, not the ingress's "cannot check this account" fallback.
    expect(telegram.sentTo(userId)[0]).toMatch(INSTRUCTIONS);
    expect(telegram.sentTo(userId)[0]).not.toBe(PAIRING_INSTRUCTIONS_FALLBACK);
    await vi.waitFor(async () => expect(await outboxSize(userId)).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(telegram.sentTo(userId)).toHaveLength(1);
  });

  it("forgets event ids older than three days when it drains, at most once an hour", async () => {
    const userId = nextUser++;
    const now = Date.now();
    await inObject(userId, (sql) => {
      sql.exec("INSERT INTO seen (event_id, at) VALUES ('old-1', ?), ('recent-1', ?)", now - 4 * DAY_MS, now - DAY_MS);
    });
    const first = textUpdate(userId, "hello");
    await postUpdate(first);
    await waitForReplies(userId, 1);
    await vi.waitFor(async () => expect(await seenIds(userId)).toEqual([String(first.update_id), "recent-1"].sort()));

    // Within the hour the object does not scan again: a newly stale id stays until the next prune.
    await inObject(userId, (sql) => {
      sql.exec("INSERT INTO seen (event_id, at) VALUES ('old-2', ?)", now - 4 * DAY_MS);
    });
    const second = textUpdate(userId, "again");
    await postUpdate(second);
    await waitForReplies(userId, 2);
    expect(await seenIds(userId)).toEqual([String(first.update_id), String(second.update_id), "old-2", "recent-1"].sort());
  });
});

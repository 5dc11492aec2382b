import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect, vi } from "vitest";
import { identityName } from "@clawgate/durable-objects";
import { client, request } from "./org-client.ts";
import { testEnv } from "./seeded.ts";
import { buttonUpdate, TELEGRAM_SECRET, textUpdate } from "./telegram-fake.ts";

/** Test-only: the Telegram side of a conversation with the bot, through the real Worker. */
export const postUpdate = (update: unknown) =>
  request("/webhooks/telegram", {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
    body: JSON.stringify(update),
  });

export const identity = (userId: number) => testEnv.CHANNEL_IDENTITY.getByName(identityName("telegram", String(userId)));

export const outboxSize = (userId: number) =>
  runInDurableObject(identity(userId), (_instance, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n);

/** Waits until the account's outbox is delivered (its alarm, which may already be running on its own). */
export async function drain(userId: number): Promise<void> {
  await vi.waitFor(
    async () => {
      await runDurableObjectAlarm(identity(userId));
      expect(await outboxSize(userId)).toBe(0);
    },
    { timeout: 15_000, interval: 50 },
  );
}

/** Pairs the Telegram account with the signed-in employee, through the bot. */
export async function pairTelegram(cookie: string, userId: number): Promise<void> {
  const issued = await client(cookie).post("/api/portal/channels/telegram/pairing", {});
  expect(issued.status).toBe(200);
  expect((await postUpdate(textUpdate(userId, `/start ${issued.body.code}`))).status).toBe(200);
  expect((await postUpdate(buttonUpdate(userId, `pair:confirm:${issued.body.code}`))).status).toBe(200);
  await drain(userId);
  expect(await identity(userId).binding()).not.toBeNull();
}

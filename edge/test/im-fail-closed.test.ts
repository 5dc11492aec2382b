import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AGENT_UNAVAILABLE, PAIRING_INSTRUCTIONS, TRY_AGAIN } from "../../durable-objects/src/channel-identity/pairing-messages.ts";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { app } from "../src/app.ts";
import { PAIRING_INSTRUCTIONS_FALLBACK } from "../src/webhooks/ingress.ts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { fakeTelegram, TELEGRAM_SECRET, textUpdate, type FakeTelegram } from "./telegram-fake.ts";
import { drain, identity, pairTelegram, postUpdate } from "./telegram-flow.ts";

/**
 * Fail closed (DESIGN §4): when the account's ChannelIdentity, the ChannelDirectory or D1 is down
 * or slow, an unpaired account gets the pairing instructions and nothing else, a paired one a plain
 * "try again" — never an agent's answer — and the webhook still acknowledges (documented in the
 * README: the platform would only retry into the same outage). The dependencies are replaced at
 * their binding, the boundary this code talks to; Telegram and the runtime are faked at fetch.
 */
let telegram: FakeTelegram;
let runtime: FakeRuntime;
let nextUser = 7600;

const DOWN = () => Promise.reject(new Error("unavailable"));
const SLOW = () => new Promise<never>(() => undefined);

/** The account's ChannelIdentity sees `replacements` instead of its real bindings (this instance only). */
async function breakBindings(userId: number, replacements: Record<string, unknown>): Promise<void> {
  await runInDurableObject(identity(userId), (instance) => {
    const live = instance as unknown as { env: Record<string, unknown> };
    live.env = { ...live.env, ...replacements };
  });
}

const failingDirectory = (call: () => Promise<never>) => ({ getByName: () => ({ claim: call, confirm: call, peek: call }) });
const failingD1 = (call: () => Promise<never>) => ({ prepare: () => ({ bind: () => ({ first: call, run: call, all: call }) }), batch: call });

describe("IM fail closed", () => {
  let sarah: string;

  beforeAll(async () => {
    await seedAcme();
    sarah = await signInAs("emp-sarah");
  });
  beforeEach(() => {
    runtime = fakeRuntime();
    telegram = fakeTelegram();
  });
  afterEach(() => {
    telegram.restore();
    runtime.restore();
  });

  for (const [label, receive] of [["down", DOWN], ["slow", SLOW]] as const) {
    it(`the account's ChannelIdentity ${label}: the webhook acks and the account gets only the pairing fallback`, async () => {
      const userId = nextUser++;
      const env = { ...testEnv, CHANNEL_IDENTITY: { getByName: () => ({ receive }) } };
      const ctx = createExecutionContext();
      const req = new Request("https://clawgate.test/webhooks/telegram", {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
        body: JSON.stringify(textUpdate(userId, "what is in my calendar?")),
      });
      const res = await app.fetch(req, env, ctx);
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(200);
      expect(telegram.sentTo(userId)).toEqual([PAIRING_INSTRUCTIONS_FALLBACK]);
      expect(runtime.invocations).toEqual([]);
    }, 20_000);
  }

  for (const [label, call] of [["down", DOWN], ["slow", SLOW]] as const) {
    it(`the ChannelDirectory ${label} while an unpaired account presents a code: acked, instructions only, the code untouched`, async () => {
      const userId = nextUser++;
      const code = (await client(sarah).post("/api/portal/channels/telegram/pairing", {})).body.code as string;
      await breakBindings(userId, { CHANNEL_DIRECTORY: failingDirectory(call) });
      expect((await postUpdate(textUpdate(userId, `/start ${code}`))).status).toBe(200);
      await drain(userId);
      expect(telegram.sentTo(userId)).toEqual([PAIRING_INSTRUCTIONS]);
      expect(await identity(userId).binding()).toBeNull();
      expect((await client(sarah).get("/api/portal/channels")).body.channels[0].pending.state).toBe("awaiting_code");
    }, 20_000);
  }

  for (const [label, call] of [["down", DOWN], ["slow", SLOW]] as const) {
    it(`D1 ${label} when a paired account writes: acked, told to try again, no agent reached`, async () => {
      const userId = nextUser++;
      await pairTelegram(sarah, userId);
      const before = telegram.sentTo(userId).length;
      await breakBindings(userId, { DB: failingD1(call) });
      expect((await postUpdate(textUpdate(userId, "my quarterly numbers?"))).status).toBe(200);
      await drain(userId);
      expect(telegram.sentTo(userId).slice(before)).toEqual([TRY_AGAIN]);
      expect(runtime.invocations.filter((i) => i.message === "my quarterly numbers?")).toEqual([]);
    }, 20_000);
  }

  it("the employee's agent unreachable after every retry: the account is told so, nothing is dropped silently", async () => {
    const userId = nextUser++;
    await pairTelegram(sarah, userId);
    const before = telegram.sentTo(userId).length;
    await breakBindings(userId, { EMPLOYEE_AGENT: { getByName: () => ({ send: DOWN }) } });
    expect((await postUpdate(textUpdate(userId, "are you there?"))).status).toBe(200);
    // Skip the backoff: the entry is on its last attempt.
    await runInDurableObject(identity(userId), (_i, state) => state.storage.sql.exec("UPDATE outbox SET attempts = 5, next_at = 0"));
    await drain(userId);
    expect(telegram.sentTo(userId).slice(before)).toEqual([AGENT_UNAVAILABLE]);
  }, 20_000);
});

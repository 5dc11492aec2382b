import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { identityName } from "@clawgate/durable-objects";
import { REPLY_INTERRUPTED } from "../../durable-objects/src/channel-identity/interrupted-send.ts";
import { PAIRING_INSTRUCTIONS } from "../../durable-objects/src/channel-identity/pairing-messages.ts";
import { echoResult, fakeRuntime, sse, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { fakePlatforms, type FakePlatforms } from "./im-fakes.ts";
import { FEISHU_TOKEN, postFeishu } from "./im-signing.ts";
import { signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { fakeTelegram, textUpdate, type FakeTelegram } from "./telegram-fake.ts";
import { drain, pairTelegram, postUpdate } from "./telegram-flow.ts";

/**
 * A reply whose send is cut off by a reset of the account's ChannelIdentity: the fake platform
 * takes the message and never answers, the test resets every Durable Object (storage kept), and
 * the restarted object finishes the outbox. Pieces already sent are never sent again; the piece
 * in doubt follows the policy of durable-objects/src/channel-identity/interrupted-send.ts.
 */
let telegram: FakeTelegram;
let runtime: FakeRuntime;
let nextUser = 7100;

const sentTexts = (chatId: number) => telegram.calls.filter((c) => c.method === "sendMessage" && c.body.chat_id === String(chatId)).map((c) => String(c.body.text));

/** Lets the outbox run until the platform holds a send, then resets every object mid-send. */
async function crashWhileSending(held: () => boolean, stub: DurableObjectStub): Promise<void> {
  void runDurableObjectAlarm(stub).catch(() => undefined);
  await vi.waitFor(() => expect(held()).toBe(true), { timeout: 10_000, interval: 20 });
  await abortAllDurableObjects();
}

describe("a send cut off by a crash", () => {
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

  it("Telegram, an agent's reply: sent pieces are not repeated, the piece in doubt becomes a notice, the turn runs once", async () => {
    const userId = nextUser++;
    await pairTelegram(sarah, userId);
    const long = `${"a".repeat(3000)}\n\n${"b".repeat(3000)}\n\n${"c".repeat(3000)}`;
    const echo = runtime.respond;
    runtime.respond = async (req, n) => {
      const res = await echo(req, n);
      return res.headers.get("content-type") === "text/event-stream" && req.message === "long answer please" ? sse([["result", echoResult(req, { reply: long })]]) : res;
    };
    let held = false;
    telegram.hold = (call) => call.method === "sendMessage" && String(call.body.text).startsWith("b") && !held && (held = true);
    const before = sentTexts(userId).length;

    expect((await postUpdate(textUpdate(userId, "long answer please"))).status).toBe(200);
    await crashWhileSending(() => held, testEnv.CHANNEL_IDENTITY.getByName(identityName("telegram", String(userId))));
    await drain(userId);

    // "b" reached Telegram before the crash and is not sent again; the user is told instead.
    expect(sentTexts(userId).slice(before)).toEqual(["a".repeat(3000), "b".repeat(3000), REPLY_INTERRUPTED, "c".repeat(3000)]);
    expect(runtime.invocations.filter((i) => i.message === "long answer please")).toHaveLength(1);
  }, 30_000);

  it("Telegram, our own text: the piece in doubt is sent again (at least once), and only that piece", async () => {
    const userId = nextUser++;
    let held = false;
    telegram.hold = (call) => call.method === "sendMessage" && call.body.chat_id === String(userId) && !held && (held = true);
    expect((await postUpdate(textUpdate(userId, "hello?"))).status).toBe(200);
    await crashWhileSending(() => held, testEnv.CHANNEL_IDENTITY.getByName(identityName("telegram", String(userId))));
    await drain(userId);
    expect(sentTexts(userId)).toEqual([PAIRING_INSTRUCTIONS, PAIRING_INSTRUCTIONS]);
  }, 30_000);

  describe("Feishu", () => {
    let platforms: FakePlatforms;
    beforeEach(() => {
      platforms = fakePlatforms();
    });
    afterEach(() => platforms.restore());

    it("the piece in doubt is sent again with the same uuid, so Feishu shows it once", async () => {
      const openId = `ou_crash${Date.now()}`;
      const chat = `oc_crash${Date.now()}`;
      const sends = () => platforms.calls.filter((c) => c.url.includes("/im/v1/messages") && c.body.receive_id === chat);
      let held = false;
      platforms.hold = (call) => call.url.includes("/im/v1/messages") && call.body.receive_id === chat && !held && (held = true);
      const event = {
        schema: "2.0",
        header: { event_id: `ev_crash${Date.now()}`, event_type: "im.message.receive_v1", token: FEISHU_TOKEN, app_id: "cli_test" },
        event: { sender: { sender_type: "user", sender_id: { open_id: openId } }, message: { chat_id: chat, chat_type: "p2p", message_type: "text", content: JSON.stringify({ text: "hi" }) } },
      };
      expect((await postFeishu(event)).status).toBe(200);
      const stub = () => testEnv.CHANNEL_IDENTITY.getByName(identityName("feishu", openId));
      await crashWhileSending(() => held, stub());
      await vi.waitFor(
        async () => {
          // A stub from before the reset is broken with it; a fresh one reaches the restarted object.
          await runDurableObjectAlarm(stub());
          expect(await runInDurableObject(stub(), (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n)).toBe(0);
        },
        { timeout: 15_000, interval: 50 },
      );
      expect(sends()).toHaveLength(2);
      expect(sends()[0]!.body.uuid).toBe(sends()[1]!.body.uuid);
      expect(platforms.feishuTo(chat)).toEqual([PAIRING_INSTRUCTIONS]);
    }, 30_000);
  });
});

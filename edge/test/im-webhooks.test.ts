import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { identityName, type ChannelPlatform } from "@clawgate/durable-objects";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { verifySlack } from "../src/webhooks/slack/verify.ts";
import { fakePlatforms, type FakePlatforms } from "./im-fakes.ts";
import { FEISHU_TOKEN, nowSeconds, postDiscord, postFeishu, postSlack, postSlackCommand } from "./im-signing.ts";
import { client, request, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/**
 * Slack, Discord and Feishu webhooks through the real Worker and Durable Objects: verification,
 * handshakes, dedupe and pairing. The platforms' send APIs and the agent runtime are faked at the
 * fetch boundary.
 */
let platforms: FakePlatforms;
let runtime: FakeRuntime;
let n = 0;
const unique = (prefix: string) => `${prefix}${Date.now()}${n++}`;
const INSTRUCTIONS = /open the ClawGate portal/;

const identity = (platform: ChannelPlatform, account: string) => testEnv.CHANNEL_IDENTITY.getByName(identityName(platform, account));

/** Waits until the account's outbox is delivered (its alarm, which may already be running on its own). */
async function deliver(platform: ChannelPlatform, account: string): Promise<void> {
  const stub = identity(platform, account);
  await vi.waitFor(
    async () => {
      await runDurableObjectAlarm(stub);
      const left = await runInDurableObject(stub, (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n);
      expect(left).toBe(0);
    },
    { timeout: 10_000, interval: 50 },
  );
}

async function issueCode(cookie: string, channel: string): Promise<string> {
  const res = await client(cookie).post(`/api/portal/channels/${channel}/pairing`, {});
  expect(res.status).toBe(200);
  expect(res.body.deepLink).toBeNull();
  return res.body.code as string;
}

describe("IM webhooks", () => {
  let sarah: string;

  beforeAll(async () => {
    await seedAcme();
    sarah = await signInAs("emp-sarah");
  });
  beforeEach(() => {
    runtime = fakeRuntime();
    platforms = fakePlatforms();
  });
  afterEach(() => {
    platforms.restore();
    runtime.restore();
  });

  describe("Slack", () => {
    const dm = (user: string, channel: string, text: string, eventId = unique("Ev")) => ({
      type: "event_callback",
      team_id: "T1",
      event_id: eventId,
      event: { type: "message", channel_type: "im", channel, user, text },
    });

    it("passes Slack's published signature example", async () => {
      const body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
      const signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
      const at = 1531420618 * 1000;
      expect(await verifySlack(body, "1531420618", signature, "8f742231b10e8888abcd99yyyzzz85a5", at)).toBe(true);
      expect(await verifySlack(`${body}x`, "1531420618", signature, "8f742231b10e8888abcd99yyyzzz85a5", at)).toBe(false);
      expect(await verifySlack(body, "1531420618", signature, "8f742231b10e8888abcd99yyyzzz85a5", at + 301_000)).toBe(false);
    });

    it("answers url_verification only when signed", async () => {
      const challenge = { type: "url_verification", token: "t", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" };
      const res = await postSlack(challenge);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ challenge: challenge.challenge });
      expect((await postSlack(challenge, { secret: "wrong" })).status).toBe(401);
    });

    it("forged, stale and unsigned events get 401 and change nothing", async () => {
      const user = unique("U");
      const event = dm(user, "D1", "hello");
      expect((await postSlack(event, { secret: "forged" })).status).toBe(401);
      expect((await postSlack(event, { ts: String(Number(nowSeconds()) - 301) })).status).toBe(401);
      expect((await postSlack(event, { ts: String(Number(nowSeconds()) + 301) })).status).toBe(401);
      expect((await request("/webhooks/slack", { method: "POST", body: JSON.stringify(event) })).status).toBe(401);
      // Nothing was recorded: the genuine delivery of the same event is handled.
      expect((await postSlack(event)).status).toBe(200);
      await deliver("slack", `T1:${user}`);
      expect(platforms.slackTo("D1").filter((t) => INSTRUCTIONS.test(t))).toHaveLength(1);
    });

    it("pairs by a DM with the code and YES; a replayed event makes one turn and one reply", async () => {
      const user = unique("U");
      const account = `T1:${user}`;
      const channel = unique("D");
      const code = await issueCode(sarah, "slack");
      expect((await postSlack(dm(user, channel, code.toLowerCase()))).status).toBe(200);
      await deliver("slack", account);
      expect(platforms.slackTo(channel).at(-1)).toMatch(/^Pair this account with Sarah/);
      await postSlack(dm(user, channel, "YES"));
      await deliver("slack", account);
      expect(platforms.slackTo(channel).at(-1)).toMatch(/^Paired/);

      const event = dm(user, channel, "a <b> & c");
      for (let i = 0; i < 3; i++) expect((await postSlack(event)).status).toBe(200);
      await deliver("slack", account);
      expect(platforms.slackTo(channel).at(-1)).toBe("echo: a &lt;b&gt; &amp; c");
      expect(platforms.slackTo(channel).filter((t) => t.startsWith("echo:"))).toHaveLength(1);
      expect(new Set(runtime.invocations.filter((i) => i.message === "a <b> & c").map((i) => i.turnId)).size).toBe(1);
    });

    describe("/clawgate slash command", () => {
      const command = (user: string, text: string, responseUrl = `https://slack.test/commands/T1/${unique("")}`) => ({
        command: "/clawgate",
        team_id: "T1",
        user_id: user,
        channel_id: "C1",
        text,
        trigger_id: unique("tr"),
        response_url: responseUrl,
      });
      const answers = (responseUrl: string) => platforms.calls.filter((c) => c.url === responseUrl).map((c) => String(c.body.text));

      it("pairs with `pair CODE` and `yes`, answering privately through response_url; then reaches the agent", async () => {
        const user = unique("U");
        const code = await issueCode(sarah, "slack");
        const pair = command(user, `pair ${code}`);
        const ack = await postSlackCommand(pair);
        expect(ack.status).toBe(200);
        expect(await ack.text()).toBe("");
        await deliver("slack", `T1:${user}`);
        expect(answers(pair.response_url)).toEqual([expect.stringMatching(/^Pair this account with Sarah/)]);
        expect(platforms.calls.find((c) => c.url === pair.response_url)!.body.response_type).toBe("ephemeral");
        const yes = command(user, "yes");
        await postSlackCommand(yes);
        await deliver("slack", `T1:${user}`);
        expect(answers(yes.response_url)).toEqual([expect.stringMatching(/^Paired/)]);
        // The DM and the command are one account: a DM now reaches Sarah's agent too.
        const ask = command(user, "what is on today?");
        await postSlackCommand(ask);
        await deliver("slack", `T1:${user}`);
        expect(answers(ask.response_url)).toEqual(["echo: what is on today?"]);
      });

      it("refuses forged or stale signatures and response URLs outside Slack, changing nothing", async () => {
        const user = unique("U");
        const fields = command(user, "hello");
        expect((await postSlackCommand(fields, { secret: "forged" })).status).toBe(401);
        expect((await postSlackCommand(fields, { ts: String(Number(nowSeconds()) - 301) })).status).toBe(401);
        expect((await postSlackCommand({ ...fields, response_url: "https://attacker.example/collect" })).status).toBe(400);
        expect(platforms.calls).toEqual([]);
        // An empty command only explains itself; nothing is queued.
        const help = await postSlackCommand(command(user, ""));
        expect(((await help.json()) as { text: string }).text).toMatch(/\/clawgate pair CODE/);
        expect((await postSlackCommand(fields)).status).toBe(200);
        await deliver("slack", `T1:${user}`);
        expect(answers(fields.response_url)).toEqual([expect.stringMatching(INSTRUCTIONS)]);
      });
    });

    it("ignores the bot's own messages and channel messages", async () => {
      const user = unique("U");
      await postSlack({ type: "event_callback", team_id: "T1", event_id: unique("Ev"), event: { type: "message", channel_type: "im", channel: "D9", user, text: "x", bot_id: "B1" } });
      await postSlack({ type: "event_callback", team_id: "T1", event_id: unique("Ev"), event: { type: "message", channel_type: "channel", channel: "C9", user, text: "x" } });
      expect(platforms.calls).toEqual([]);
    });
  });

  describe("Discord", () => {
    const command = (user: string, name: string, options: Array<{ name: string; value: string }>, id = unique("i")) => ({
      id,
      type: 2,
      application_id: "app1",
      token: `tok-${id}`,
      member: { user: { id: user } },
      data: { name, options },
    });

    it("answers a signed PING with PONG; forged, tampered and stale requests get 401", async () => {
      const ping = { id: "p", type: 1, application_id: "app1", token: "t" };
      const res = await postDiscord(ping);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ type: 1 });
      expect((await postDiscord(ping, { signature: "00".repeat(64) })).status).toBe(401);
      expect((await postDiscord(ping, { tamper: true })).status).toBe(401);
      expect((await postDiscord(ping, { ts: String(Number(nowSeconds()) - 301) })).status).toBe(401);
      expect((await request("/webhooks/discord", { method: "POST", body: JSON.stringify(ping) })).status).toBe(401);
    });

    it("/start pairs with a button; /ask is deferred and answered by a private follow-up, once for a replay", async () => {
      const user = unique("u");
      const code = await issueCode(sarah, "discord");
      const start = command(user, "start", [{ name: "code", value: code }]);
      const deferred = await postDiscord(start);
      expect(await deferred.json()).toEqual({ type: 5, data: { flags: 64 } });
      await deliver("discord", user);
      const [prompt] = platforms.discordTo(start.token);
      expect(prompt!.url).toBe(`https://discord.test/api/v10/webhooks/app1/${start.token}`);
      expect(String(prompt!.body.content)).toMatch(/^Pair this account with Sarah/);
      expect(JSON.stringify(prompt!.body.components)).toContain(`pair:confirm:${code}`);

      const press = { id: unique("i"), type: 3, application_id: "app1", token: "tok-press", member: { user: { id: user } }, data: { custom_id: `pair:confirm:${code}` } };
      expect(await (await postDiscord(press)).json()).toEqual({ type: 5, data: { flags: 64 } });
      await deliver("discord", user);
      expect(String(platforms.discordTo("tok-press")[0]!.body.content)).toMatch(/^Paired/);

      const ask = command(user, "ask", [{ name: "message", value: "hello @everyone" }]);
      for (let i = 0; i < 3; i++) expect((await postDiscord(ask)).status).toBe(200);
      await deliver("discord", user);
      const replies = platforms.discordTo(ask.token);
      expect(replies.map((r) => r.body.content)).toEqual(["echo: hello @everyone"]);
      expect(replies[0]!.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    });

    it("an unpaired /ask gets the pairing instructions only", async () => {
      const user = unique("u");
      const ask = command(user, "ask", [{ name: "message", value: "hi" }]);
      await postDiscord(ask);
      await deliver("discord", user);
      expect(platforms.discordTo(ask.token).map((r) => r.body.content)).toEqual([expect.stringMatching(INSTRUCTIONS)]);
      expect(runtime.invocations).toHaveLength(0);
    });
  });

  describe("Feishu", () => {
    const message = (openId: string, chatId: string, text: string, eventId = unique("ev")) => ({
      schema: "2.0",
      header: { event_id: eventId, event_type: "im.message.receive_v1", token: FEISHU_TOKEN, app_id: "cli_test" },
      event: {
        sender: { sender_type: "user", sender_id: { open_id: openId } },
        message: { chat_id: chatId, chat_type: "p2p", message_type: "text", content: JSON.stringify({ text }) },
      },
    });

    it("decrypts and answers the url_verification challenge; a wrong token or key gets 401", async () => {
      const res = await postFeishu({ challenge: "ch-123", token: FEISHU_TOKEN, type: "url_verification" }, { sign: false });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ challenge: "ch-123" });
      expect((await postFeishu({ challenge: "c", token: "wrong", type: "url_verification" }, { sign: false })).status).toBe(401);
      expect((await postFeishu({ challenge: "c", token: FEISHU_TOKEN, type: "url_verification" }, { sign: false, encryptKey: "other-key" })).status).toBe(401);
      const plain = await request("/webhooks/feishu", { method: "POST", body: JSON.stringify({ challenge: "c", token: FEISHU_TOKEN, type: "url_verification" }) });
      expect(plain.status).toBe(401);
    });

    it("events need a good, fresh signature; forged, stale or unsigned ones change nothing", async () => {
      const openId = unique("ou_");
      const event = message(openId, "oc_1", "hello");
      expect((await postFeishu(event, { signature: "0".repeat(64) })).status).toBe(401);
      expect((await postFeishu(event, { ts: String(Number(nowSeconds()) - 301) })).status).toBe(401);
      expect((await postFeishu(event, { sign: false })).status).toBe(401);
      expect((await postFeishu(event)).status).toBe(200);
      await deliver("feishu", openId);
      expect(platforms.feishuTo("oc_1").filter((t) => INSTRUCTIONS.test(t))).toHaveLength(1);
    });

    it("sends reuse one tenant_access_token instead of fetching one per message", async () => {
      const openId = unique("ou_");
      const chat = unique("oc_");
      const tokenRequests = () => platforms.calls.filter((c) => c.url.endsWith("/auth/v3/tenant_access_token/internal")).length;
      for (let i = 0; i < 3; i++) {
        expect((await postFeishu(message(openId, chat, `hello ${i}`))).status).toBe(200);
        await deliver("feishu", openId);
      }
      expect(platforms.feishuTo(chat)).toHaveLength(3);
      // At most the first send asks (an earlier test in this isolate may already have the token).
      expect(tokenRequests()).toBeLessThanOrEqual(1);
    });

    it("pairs by a DM with the code and YES; a re-pushed event makes one turn and one reply", async () => {
      const openId = unique("ou_");
      const chat = unique("oc_");
      const code = await issueCode(sarah, "feishu");
      await postFeishu(message(openId, chat, code));
      await deliver("feishu", openId);
      expect(platforms.feishuTo(chat).at(-1)).toMatch(/^Pair this account with Sarah/);
      await postFeishu(message(openId, chat, "yes"));
      await deliver("feishu", openId);
      expect(platforms.feishuTo(chat).at(-1)).toMatch(/^Paired/);

      const event = message(openId, chat, "status report");
      for (let i = 0; i < 3; i++) expect((await postFeishu(event)).status).toBe(200);
      await deliver("feishu", openId);
      expect(platforms.feishuTo(chat).filter((t) => t === "echo: status report")).toHaveLength(1);
      // Every send carries its idempotency key, so Feishu itself drops a repeat after a crash.
      const sends = platforms.calls.filter((c) => c.url.includes("/im/v1/messages") && c.body.receive_id === chat);
      expect(sends.every((c) => typeof c.body.uuid === "string" && c.body.uuid.length <= 50)).toBe(true);
      expect(new Set(sends.map((c) => c.body.uuid)).size).toBe(sends.length);
    });
  });
});

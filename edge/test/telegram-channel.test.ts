import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { identityName } from "@clawgate/durable-objects";
import { echoResult, fakeRuntime, sse, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { client, request, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { buttonUpdate, fakeTelegram, TELEGRAM_SECRET, textUpdate, type FakeTelegram } from "./telegram-fake.ts";

/**
 * Telegram end to end through the real Worker, ChannelDirectory, ChannelIdentity, EmployeeAgent,
 * D1 and R2; only the Telegram Bot API and the agent runtime are faked, at the fetch boundary.
 */
let telegram: FakeTelegram;
let runtime: FakeRuntime;
let nextUser = 5000;
const newAccount = () => nextUser++;

const postUpdate = (update: unknown, secret: string | null = TELEGRAM_SECRET) =>
  request("/webhooks/telegram", {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }) },
    body: JSON.stringify(update),
  });

const identity = (userId: number) => testEnv.CHANNEL_IDENTITY.getByName(identityName("telegram", String(userId)));

const outboxSize = (userId: number) =>
  runInDurableObject(identity(userId), (_instance, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n);

/** Waits until the account's outbox is delivered (its alarm, which may already be running on its own). */
async function deliver(userId: number): Promise<string[]> {
  await vi.waitFor(
    async () => {
      await runDurableObjectAlarm(identity(userId));
      expect(await outboxSize(userId)).toBe(0);
    },
    { timeout: 10_000, interval: 50 },
  );
  return telegram.sentTo(userId);
}

async function send(userId: number, update: unknown): Promise<string[]> {
  const res = await postUpdate(update);
  expect(res.status).toBe(200);
  return deliver(userId);
}

async function issueCode(cookie: string): Promise<string> {
  const res = await client(cookie).post("/api/portal/channels/telegram/pairing", {});
  expect(res.status).toBe(200);
  return res.body.code as string;
}

/** Pairs a fresh Telegram account with the signed-in employee, through the bot. */
async function pair(cookie: string, userId = newAccount()): Promise<number> {
  const code = await issueCode(cookie);
  await send(userId, textUpdate(userId, `/start ${code}`));
  const replies = await send(userId, buttonUpdate(userId, `pair:confirm:${code}`));
  expect(replies.at(-1)).toMatch(/^Paired/);
  return userId;
}

const INSTRUCTIONS = /open the ClawGate portal/;

describe("Telegram channel", () => {
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
  });
  afterEach(() => {
    telegram.restore();
    runtime.restore();
  });

  describe("webhook verification", () => {
    it("a missing or forged secret token gets 401 and changes nothing; the genuine one is accepted", async () => {
      const userId = newAccount();
      const update = textUpdate(userId, "hello");
      expect((await postUpdate(update, null)).status).toBe(401);
      expect((await postUpdate(update, "forged-secret")).status).toBe(401);
      expect((await postUpdate(update, `${TELEGRAM_SECRET}x`)).status).toBe(401);
      expect(await deliver(userId)).toEqual([]);
      // Not even the update id was recorded: the genuine delivery of the same update is handled.
      expect(await send(userId, update)).toEqual([expect.stringMatching(INSTRUCTIONS)]);
    });

    it("acknowledges updates the bot does not act on (groups, media) without answering", async () => {
      const userId = newAccount();
      const group = { update_id: 1, message: { from: { id: userId, is_bot: false }, chat: { id: -99, type: "group" }, text: "hi" } };
      expect((await postUpdate(group)).status).toBe(200);
      expect((await postUpdate({ update_id: 2, message: { from: { id: userId }, chat: { id: userId, type: "private" } } })).status).toBe(200);
      expect(telegram.calls).toEqual([]);
    });
  });

  describe("unpaired accounts", () => {
    it("get the pairing instructions and nothing else; no agent is invoked", async () => {
      const userId = newAccount();
      expect(await send(userId, textUpdate(userId, "what is our revenue?"))).toEqual([expect.stringMatching(INSTRUCTIONS)]);
      expect(await send(userId, textUpdate(userId, "/start"))).toHaveLength(2);
      expect(runtime.invocations).toHaveLength(0);
    });

    it("fail closed: a paired account whose binding lookup throws gets the instructions, not the agent", async () => {
      const userId = await pair(sarah);
      await runInDurableObject(identity(userId), (_instance, state) => state.storage.sql.exec("DROP TABLE binding"));
      const replies = await send(userId, textUpdate(userId, "secret plans?"));
      expect(replies.at(-1)).toMatch(INSTRUCTIONS);
      expect(runtime.invocations).toHaveLength(0);
    });
  });

  describe("pairing", () => {
    it("portal code → /start → confirm → paired; then a message reaches the agent in the portal's session and the reply comes back", async () => {
      const issued = await client(sarah).post("/api/portal/channels/telegram/pairing", {});
      expect(issued.status).toBe(200);
      const { code, deepLink, qrSvg } = issued.body;
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{13}$/);
      expect(deepLink).toBe(`https://t.me/clawgate_test_bot?start=${code}`);
      expect(qrSvg).toMatch(/^<svg[\s\S]*<path[\s\S]*<\/svg>\s*$/);
      expect((await client(sarah).get("/api/portal/channels")).body.channels[0].pending.state).toBe("awaiting_code");

      const userId = newAccount();
      const [prompt] = await send(userId, textUpdate(userId, `/start ${code}`));
      const who = await testEnv.DB.prepare("SELECT e.name AS name, p.name AS position FROM employees e JOIN positions p ON p.id = e.position_id WHERE e.id = 'emp-sarah'").first<{ name: string; position: string }>();
      expect(prompt).toContain(`${who!.name} (${who!.position})`);
      const promptCall = telegram.calls.find((c) => c.method === "sendMessage" && c.body.text === prompt)!;
      expect(JSON.stringify(promptCall.body.reply_markup)).toContain(`pair:confirm:${code}`);
      expect((await client(sarah).get("/api/portal/channels")).body.channels[0].pending.state).toBe("awaiting_confirmation");

      expect((await send(userId, buttonUpdate(userId, `pair:confirm:${code}`))).at(-1)).toMatch(/^Paired/);
      expect(telegram.calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
      const status = (await client(sarah).get("/api/portal/channels")).body.channels[0];
      expect(status.pending).toBeNull();
      const bindingId = (await identity(userId).binding())!.bindingId;
      expect(status.bindings).toContainEqual(expect.objectContaining({ id: bindingId, channel: "telegram", messageCount: 0, lastActivityAt: null }));
      const audit = await testEnv.DB.prepare("SELECT actor, detail FROM audit_events WHERE type = 'channel.paired' AND employee_id = 'emp-sarah' AND actor = 'emp-sarah'").all();
      expect(audit.results.filter((r) => String(r.detail).includes(bindingId))).toHaveLength(1);

      const portal = await request("/api/portal/chat", { method: "POST", headers: { cookie: sarah, "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ message: "from the portal" }) });
      expect(portal.status).toBe(200);
      const replies = await send(userId, textUpdate(userId, "from telegram"));
      expect(replies.at(-1)).toBe("echo: from telegram");
      expect(new Set(runtime.invocations.map((i) => i.sessionId)).size).toBe(1);
      // Pairing changed the plan: the agent now knows where it can reach Sarah.
      // (the first turn after pairing carries the new plan; the next one only its version)
      const firstAfterPairing = runtime.invocations.find((i) => i.message === "from the portal")!;
      expect(firstAfterPairing.plan?.channels).toContainEqual({ channel: "telegram", handle: String(userId) });
      const transcript = (await client(sarah).get("/api/portal/transcript")).body.entries.map((e: { message: string }) => e.message);
      expect(transcript).toEqual(expect.arrayContaining(["from the portal", "from telegram"]));
      const row = await testEnv.DB.prepare("SELECT message_count FROM channel_bindings WHERE platform_user_id = ?").bind(String(userId)).first<{ message_count: number }>();
      expect(row!.message_count).toBe(1);
    });

    it("YES confirms too", async () => {
      const userId = newAccount();
      const code = await issueCode(carol);
      await send(userId, textUpdate(userId, `/start ${code}`));
      expect((await send(userId, textUpdate(userId, "yes"))).at(-1)).toMatch(/^Paired/);
    });

    it("an expired code is refused", async () => {
      const code = await issueCode(sarah);
      await runInDurableObject(testEnv.CHANNEL_DIRECTORY.getByName("telegram"), (_i, state) => state.storage.sql.exec("UPDATE codes SET expires_at = ? WHERE code = ?", Date.now() - 1, code));
      const userId = newAccount();
      expect(await send(userId, textUpdate(userId, `/start ${code}`))).toEqual([expect.stringMatching(/expired/)]);
    });

    it("a confirmation after the 10-minute window is refused", async () => {
      const code = await issueCode(sarah);
      const userId = newAccount();
      await send(userId, textUpdate(userId, `/start ${code}`));
      await runInDurableObject(testEnv.CHANNEL_DIRECTORY.getByName("telegram"), (_i, state) => state.storage.sql.exec("UPDATE codes SET claimed_at = ? WHERE code = ?", Date.now() - 11 * 60_000, code));
      expect((await send(userId, buttonUpdate(userId, `pair:confirm:${code}`))).at(-1)).toMatch(/confirmation window has passed/);
      expect(await identity(userId).binding()).toBeNull();
    });

    it("a used code is refused, also to another account", async () => {
      const code = await issueCode(sarah);
      const first = newAccount();
      await send(first, textUpdate(first, `/start ${code}`));
      await send(first, buttonUpdate(first, `pair:confirm:${code}`));
      const second = newAccount();
      expect(await send(second, textUpdate(second, `/start ${code}`))).toEqual([expect.stringMatching(/already used/)]);
    });

    it("another account can neither claim a presented code nor confirm it; the right account still can", async () => {
      const code = await issueCode(sarah);
      const owner = newAccount();
      const intruder = newAccount();
      await send(owner, textUpdate(owner, `/start ${code}`));
      expect(await send(intruder, textUpdate(intruder, `/start ${code}`))).toEqual([expect.stringMatching(/another account/)]);
      expect((await send(intruder, buttonUpdate(intruder, `pair:confirm:${code}`))).at(-1)).toMatch(/belongs to another account/);
      expect(await identity(intruder).binding()).toBeNull();
      expect((await send(owner, buttonUpdate(owner, `pair:confirm:${code}`))).at(-1)).toMatch(/^Paired/);
    });

    it("a newer code cancels the previous one", async () => {
      const old = await issueCode(sarah);
      await issueCode(sarah);
      const userId = newAccount();
      expect(await send(userId, textUpdate(userId, `/start ${old}`))).toEqual([expect.stringMatching(/replaced by a newer one/)]);
    });

    it("a code issued after the claim cancels the pending confirmation", async () => {
      const code = await issueCode(sarah);
      const userId = newAccount();
      await send(userId, textUpdate(userId, `/start ${code}`));
      await issueCode(sarah);
      expect((await send(userId, textUpdate(userId, "YES"))).at(-1)).toMatch(/replaced by a newer one/);
    });

    it("an account already paired with someone else is refused, and stays with its employee", async () => {
      const userId = await pair(sarah);
      const code = await issueCode(carol);
      expect((await send(userId, textUpdate(userId, `/start ${code}`))).at(-1)).toMatch(/already paired with another ClawGate employee/);
      expect((await identity(userId).binding())!.employeeId).toBe("emp-sarah");
      // The refused attempt did not reserve Carol's code: her own account still pairs with it.
      const carolsAccount = newAccount();
      await send(carolsAccount, textUpdate(carolsAccount, `/start ${code}`));
      expect((await send(carolsAccount, buttonUpdate(carolsAccount, `pair:confirm:${code}`))).at(-1)).toMatch(/^Paired/);
    });

    it("cancel leaves the account unpaired", async () => {
      const code = await issueCode(carol);
      const userId = newAccount();
      await send(userId, textUpdate(userId, `/start ${code}`));
      expect((await send(userId, buttonUpdate(userId, "pair:cancel"))).at(-1)).toMatch(/cancelled/);
      expect(await identity(userId).binding()).toBeNull();
    });
  });

  describe("paired accounts", () => {
    it("three retries of the same update make one turn and one reply", async () => {
      const userId = await pair(sarah);
      const before = telegram.sentTo(userId).length;
      const update = textUpdate(userId, "only once please");
      for (let i = 0; i < 3; i++) expect((await postUpdate(update)).status).toBe(200);
      const replies = (await deliver(userId)).slice(before);
      expect(replies).toEqual(["echo: only once please"]);
      expect(new Set(runtime.invocations.filter((i) => i.message === "only once please").map((i) => i.turnId)).size).toBe(1);
      const transcript = (await client(sarah).get("/api/portal/transcript")).body.entries.filter((e: { message: string }) => e.message === "only once please");
      expect(transcript).toHaveLength(1);
    });

    it("a turn still running when the backstop alarm fires is run once and answered once", async () => {
      const userId = await pair(sarah);
      const before = telegram.sentTo(userId).length;
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const answer = runtime.respond;
      runtime.respond = async (request, call) => {
        if (request.message === "take your time") await held;
        return answer(request, call);
      };
      expect((await postUpdate(textUpdate(userId, "take your time"))).status).toBe(200);
      // The object started the turn right after the ack; the agent is still working on it.
      await vi.waitFor(() => expect(runtime.invocations.some((i) => i.message === "take your time")).toBe(true), { timeout: 10_000, interval: 20 });
      const alarm = runDurableObjectAlarm(identity(userId));
      await new Promise((resolve) => setTimeout(resolve, 100));
      release();
      await alarm;
      expect(await outboxSize(userId)).toBe(0);
      expect(telegram.sentTo(userId).slice(before)).toEqual(["echo: take your time"]);
      expect(new Set(runtime.invocations.filter((i) => i.message === "take your time").map((i) => i.turnId)).size).toBe(1);
    });

    it("unpairing in the portal takes effect on the next message and is audited", async () => {
      const userId = await pair(sarah);
      const bindingId = (await identity(userId).binding())!.bindingId;
      expect((await client(carol).delete(`/api/portal/channels/telegram/bindings/${bindingId}`)).status).toBe(404);
      expect((await client(sarah).delete(`/api/portal/channels/telegram/bindings/${bindingId}`)).status).toBe(204);
      expect((await send(userId, textUpdate(userId, "still there?"))).at(-1)).toMatch(INSTRUCTIONS);
      expect(runtime.invocations.filter((i) => i.message === "still there?")).toHaveLength(0);
      const audit = await testEnv.DB.prepare("SELECT detail FROM audit_events WHERE type = 'channel.unpaired' AND detail LIKE ?").bind(`%${bindingId}%`).all();
      expect(audit.results).toHaveLength(1);
      expect((await client(sarah).get("/api/portal/channels")).body.channels[0].bindings.map((b: { id: string }) => b.id)).not.toContain(bindingId);
      const portal = await request("/api/portal/chat", { method: "POST", headers: { cookie: sarah, "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ message: "after unpairing" }) });
      expect(portal.status).toBe(200);
      const plan = runtime.invocations.at(-1)!.plan;
      expect(plan?.channels.map((c) => c.handle)).not.toContain(String(userId));
    });

    it("once the employee's D1 binding is gone (removed employee, unpaired elsewhere), messages get the instructions", async () => {
      const userId = await pair(carol);
      const bindingId = (await identity(userId).binding())!.bindingId;
      await testEnv.DB.prepare("DELETE FROM channel_bindings WHERE id = ?").bind(bindingId).run();
      expect((await send(userId, textUpdate(userId, "anyone home?"))).at(-1)).toMatch(INSTRUCTIONS);
      expect(runtime.invocations.filter((i) => i.message === "anyone home?")).toHaveLength(0);
      expect(await identity(userId).binding()).toBeNull();
    });

    it("a long reply is split at 4096 characters, and a 429 is retried after retry_after", async () => {
      const userId = await pair(carol);
      const long = `${"a".repeat(3000)}\n\n${"b".repeat(3000)}`;
      const echo = runtime.respond;
      runtime.respond = async (req, n) => {
        const res = await echo(req, n);
        const streamed = res.headers.get("content-type") === "text/event-stream";
        return streamed && req.message === "long" ? sse([["result", echoResult(req, { reply: long })]]) : res;
      };
      let throttled = false;
      telegram.respond = (call) => {
        if (call.method !== "sendMessage" || throttled || !String(call.body.text).startsWith("a")) return null;
        throttled = true;
        return Response.json({ ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } }, { status: 429 });
      };
      const before = telegram.sentTo(userId).length;
      const replies = (await send(userId, textUpdate(userId, "long"))).slice(before);
      expect(throttled).toBe(true);
      expect(telegram.calls.filter((c) => c.method === "sendMessage" && !c.accepted)).toHaveLength(1);
      expect(replies.map((r) => r.length)).toEqual([3000, 3000]);
      expect(replies.join("\n\n")).toBe(long);
    });
  });
});

import { runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { identityName } from "@clawgate/durable-objects";
import { client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/**
 * The admin side of IM channels: listings scoped like employees, disconnecting one account or a
 * whole channel (in the account's ChannelIdentity, so the next message is refused), and bot
 * settings that never show a secret.
 */
let n = 0;

/** The D1 copy a confirmed pairing leaves (the ChannelIdentity side is set with runBind where a test needs it). */
async function paired(channel: "telegram" | "slack", employeeId: string): Promise<{ id: string; account: string }> {
  const id = `chb_admin_${n}`;
  const account = `acct-${n++}`;
  await testEnv.DB.prepare("INSERT INTO channel_bindings (id, channel, platform_user_id, employee_id, paired_at, message_count) VALUES (?, ?, ?, ?, ?, 3)")
    .bind(id, channel, account, employeeId, new Date().toISOString())
    .run();
  return { id, account };
}

describe("IM channel administration", () => {
  let admin: ReturnType<typeof client>;
  let manager: ReturnType<typeof client>;

  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });

  it("bot settings show what is configured and which secrets are set, never a secret", async () => {
    const res = await admin.get("/api/admin/channels");
    expect(res.status).toBe(200);
    const telegram = res.body.channels.find((c: { channel: string }) => c.channel === "telegram");
    expect(telegram).toMatchObject({ configured: true, webhookPath: "/webhooks/telegram", settings: { TELEGRAM_BOT_USERNAME: "clawgate_test_bot" }, secrets: { TELEGRAM_BOT_TOKEN: true, TELEGRAM_WEBHOOK_SECRET: true } });
    const text = JSON.stringify(res.body);
    for (const secret of ["123456:test-bot-token", "test-telegram-webhook-secret", "test-slack-signing-secret", "xoxb-test", "test-feishu-app-secret", "test-feishu-encrypt-key"]) expect(text).not.toContain(secret);
  });

  it("lists paired accounts with pairing date, last activity and message count; a manager sees only their subtree", async () => {
    const sarahs = await paired("telegram", "emp-sarah");
    const carols = await paired("telegram", "emp-carol");
    const all = (await admin.get("/api/admin/channels/telegram/bindings")).body.bindings;
    expect(all).toContainEqual(expect.objectContaining({ id: sarahs.id, employeeId: "emp-sarah", messageCount: 3, lastActivityAt: null, pairedAt: expect.any(String) }));
    expect(all.map((b: { id: string }) => b.id)).toContain(carols.id);
    const mikes = (await manager.get("/api/admin/channels/telegram/bindings")).body.bindings.map((b: { id: string }) => b.id);
    expect(mikes).toContain(sarahs.id);
    expect(mikes).not.toContain(carols.id);
    expect((await admin.get("/api/admin/channels/whatsapp/bindings")).status).toBe(400);
  });

  it("disconnecting one account unbinds it in its ChannelIdentity, removes the listing and audits", async () => {
    const { id, account } = await paired("telegram", "emp-sarah");
    const identity = testEnv.CHANNEL_IDENTITY.getByName(identityName("telegram", account));
    await runBind(identity, id);
    expect((await manager.delete(`/api/admin/channels/telegram/bindings/${id}`)).status).toBe(403);
    expect((await admin.delete(`/api/admin/channels/slack/bindings/${id}`)).status).toBe(404);
    expect((await admin.delete(`/api/admin/channels/telegram/bindings/${id}`)).status).toBe(204);
    expect(await identity.binding()).toBeNull();
    expect((await admin.get("/api/admin/channels/telegram/bindings")).body.bindings.map((b: { id: string }) => b.id)).not.toContain(id);
    const audit = await testEnv.DB.prepare("SELECT actor FROM audit_events WHERE type = 'channel.unpaired' AND detail LIKE ?").bind(`%${id}%`).all<{ actor: string }>();
    expect(audit.results).toEqual([{ actor: "emp-jiade" }]);
  });

  it("disconnecting a whole channel leaves the other channels alone", async () => {
    const slackOne = await paired("slack", "emp-sarah");
    const slackTwo = await paired("slack", "emp-carol");
    const telegram = await paired("telegram", "emp-carol");
    const res = await admin.delete("/api/admin/channels/slack/bindings");
    expect(res.status).toBe(200);
    expect(res.body.disconnected).toBe(2);
    expect((await admin.get("/api/admin/channels/slack/bindings")).body.bindings).toEqual([]);
    expect((await admin.get("/api/admin/channels/telegram/bindings")).body.bindings.map((b: { id: string }) => b.id)).toContain(telegram.id);
    const audited = await testEnv.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'channel.unpaired' AND (detail LIKE ? OR detail LIKE ?)")
      .bind(`%${slackOne.id}%`, `%${slackTwo.id}%`)
      .first<{ n: number }>();
    expect(audited!.n).toBe(2);
  });
});

/** Makes the ChannelIdentity hold the binding, as a confirmed pairing does. */
async function runBind(identity: DurableObjectStub, bindingId: string): Promise<void> {
  await runInDurableObject(identity, (_instance, state) => {
    state.storage.sql.exec("INSERT OR REPLACE INTO binding (one, binding_id, employee_id, paired_at) VALUES (1, ?, 'emp-sarah', ?)", bindingId, new Date().toISOString());
  });
}

/** Test-only: the Slack, Discord and Feishu APIs at the fetch boundary (bases from vitest.workers.config.ts). */
export interface PlatformCall {
  url: string;
  body: Record<string, unknown>;
}

export interface FakePlatforms {
  calls: PlatformCall[];
  /** Texts posted to one Slack DM channel. */
  slackTo: (channel: string) => string[];
  /** Follow-up contents on one Discord interaction token. */
  discordTo: (token: string) => PlatformCall[];
  /** Texts sent to one Feishu chat. */
  feishuTo: (chatId: string) => string[];
  /** Per call: true to take the message and never answer, as if the sender died right after sending it. */
  hold: (call: PlatformCall) => boolean;
  restore: () => void;
}

const BASES = ["https://slack.test", "https://discord.test", "https://feishu.test"];

/** Install after the fake runtime, restore before it. */
export function fakePlatforms(): FakePlatforms {
  const original = globalThis.fetch;
  const fake: FakePlatforms = {
    calls: [],
    slackTo: (channel) => fake.calls.filter((c) => c.url.endsWith("/chat.postMessage") && c.body.channel === channel).map((c) => String(c.body.text)),
    discordTo: (token) => fake.calls.filter((c) => c.url.endsWith(`/${token}`)),
    // Feishu shows one message per uuid (its idempotency key), as the real API does within an hour.
    feishuTo: (chatId) => {
      const sends = fake.calls.filter((c) => c.url.includes("/im/v1/messages") && c.body.receive_id === chatId);
      const shown = sends.filter((c, i) => c.body.uuid === undefined || sends.findIndex((d) => d.body.uuid === c.body.uuid) === i);
      return shown.map((c) => (JSON.parse(String(c.body.content)) as { text: string }).text);
    },
    hold: () => false,
    restore: () => {
      globalThis.fetch = original;
    },
  };
  globalThis.fetch = async (input, init) => {
    const req = new Request(input, init);
    if (!BASES.some((base) => req.url.startsWith(base))) return original(input, init);
    const call = { url: req.url, body: (await req.json()) as Record<string, unknown> };
    fake.calls.push(call);
    if (fake.hold(call)) return new Promise<Response>(() => undefined);
    if (req.url.startsWith("https://slack.test")) return Response.json({ ok: true });
    if (req.url.includes("tenant_access_token")) return Response.json({ code: 0, msg: "ok", tenant_access_token: "t-test", expire: 7200 });
    if (req.url.startsWith("https://feishu.test")) return Response.json({ code: 0, msg: "success", data: {} });
    return Response.json({ id: "1" });
  };
  return fake;
}

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
    feishuTo: (chatId) => fake.calls.filter((c) => c.url.includes("/im/v1/messages") && c.body.receive_id === chatId).map((c) => (JSON.parse(String(c.body.content)) as { text: string }).text),
    restore: () => {
      globalThis.fetch = original;
    },
  };
  globalThis.fetch = async (input, init) => {
    const req = new Request(input, init);
    if (!BASES.some((base) => req.url.startsWith(base))) return original(input, init);
    fake.calls.push({ url: req.url, body: (await req.json()) as Record<string, unknown> });
    if (req.url.startsWith("https://slack.test")) return Response.json({ ok: true });
    if (req.url.includes("tenant_access_token")) return Response.json({ code: 0, msg: "ok", tenant_access_token: "t-test", expire: 7200 });
    if (req.url.startsWith("https://feishu.test")) return Response.json({ code: 0, msg: "success", data: {} });
    return Response.json({ id: "1" });
  };
  return fake;
}

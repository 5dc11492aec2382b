/**
 * Shared by the per-platform webhook scripts: the ClawGate webhook URL of a platform, and a probe
 * that proves the deployed route is live and refuses what is not signed by the platform.
 */

export type Platform = "telegram" | "slack" | "discord" | "feishu";

/** `https://<host>/webhooks/<platform>`; platforms deliver to https only, and so does ClawGate. */
export function webhookUrl(origin: string | undefined, platform: Platform): string {
  let url: URL;
  try {
    url = new URL(origin ?? "");
  } catch {
    throw new UsageError(`Give the public origin of your ClawGate Worker, e.g. https://clawgate.example.com (got ${JSON.stringify(origin ?? "")}).`);
  }
  if (url.protocol !== "https:") throw new UsageError(`${url.origin} is not https: IM platforms only deliver webhooks over TLS.`);
  return `${url.origin}/webhooks/${platform}`;
}

export class UsageError extends Error {}

/**
 * POSTs an unsigned, empty event. A live ClawGate route answers 401 (it checks the platform's
 * signature before reading anything); 404 means the Worker has no such route deployed.
 */
export async function probeUnsigned(url: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const res = await fetchImpl(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  await res.body?.cancel();
  if (res.status === 401) return `${url} is live and refuses unsigned requests (401), as it should.`;
  if (res.status === 404) return `${url} answered 404: this channel is not deployed in the Worker (wrangler deploy?).`;
  return `${url} answered ${res.status} to an unsigned request; expected 401. Check the channel's secrets (wrangler secret list).`;
}

/** Runs a script's main and turns usage errors into a message and exit code 2. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  });
}

// Telegram webhook acks against `wrangler dev` on this machine (issue 6: ≥ 500 acks/s, p99 < 50 ms),
// with GET /api/health in the same run as the baseline, and every acknowledged update answered
// exactly once. Accounts are unpaired, so each update is answered with the pairing instructions
// from its ChannelIdentity's alarm, through a fake Telegram Bot API that counts sendMessage per
// chat; a share of the updates is delivered again (a Telegram retry) and must not be answered twice.
//
// Environment: BENCH_WEBHOOK_UPDATES (default 2000), BENCH_WEBHOOK_ACCOUNTS (default 200),
// BENCH_WEBHOOK_CONCURRENCY (default 16).
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { join } from "node:path";
import { ROOT } from "./harness/container.mjs";
import { freePort, sleep, stopGroup, tempDir, track, trackServer } from "./harness/processes.mjs";
import { ms, percentile, summary, verdict } from "./harness/stats.mjs";

export const name = "webhook-acks";
export const title = "Telegram webhook acks/s and p99 against wrangler dev, each update answered once";

const UPDATES = Number(process.env.BENCH_WEBHOOK_UPDATES ?? 2000);
const ACCOUNTS = Number(process.env.BENCH_WEBHOOK_ACCOUNTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 16);
const RETRY_SHARE = 0.1;
const TARGET_ACKS_PER_S = 500;
const TARGET_P99_MS = 50;
const SECRET = "bench-telegram-secret";
const wrangler = join(ROOT, "node_modules/.bin/wrangler");

/** A fake Bot API: counts sendMessage per chat and answers ok. */
async function fakeTelegram() {
  const perChat = new Map();
  const server = trackServer(
    createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        if (req.url?.endsWith("/sendMessage")) {
          const chatId = String(JSON.parse(body).chat_id);
          perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
        }
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"result":{}}');
      });
    }),
  );
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, perChat, total: () => [...perChat.values()].reduce((a, b) => a + b, 0) };
}

async function startWrangler(telegramUrl) {
  const persist = await tempDir("clawgate-bench-wrangler-");
  execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], { cwd: ROOT, stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  const port = await freePort();
  const args = ["dev", "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--persist-to", persist, "--var", `TELEGRAM_WEBHOOK_SECRET:${SECRET}`, "--var", "TELEGRAM_BOT_TOKEN:1:bench", "--var", "TELEGRAM_BOT_USERNAME:bench_bot", "--var", `TELEGRAM_API_BASE:${telegramUrl}`, "--var", "SESSION_SECRET:bench-session-secret-long-enough-0123456789"];
  const child = track(spawn(wrangler, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } }));
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(300)) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, stop: () => stopGroup(child) };
    } catch {
      // not up yet
    }
  }
  throw new Error(`wrangler dev did not come up:\n${output}`);
}

/** Runs `jobs` with CONCURRENCY in flight; returns each one's wall time and the whole run's. */
async function timed(jobs) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const t = performance.now();
        await job();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const update = (id, account) => ({ update_id: id, message: { message_id: id, date: 0, from: { id: account, is_bot: false, first_name: "B" }, chat: { id: account, type: "private" }, text: `hello ${id}` } });

export async function run(log) {
  const telegram = await fakeTelegram();
  const edge = await startWrangler(telegram.url);
  try {
    const post = (body) => async () => {
      const res = await fetch(`${edge.url}/webhooks/telegram`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(body) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    };
    const health = async () => {
      const res = await fetch(`${edge.url}/api/health`);
      await res.arrayBuffer();
    };
    // Warm-up: every account's object exists before timing, as it would after its first message.
    const firstAccount = 900_000_000;
    await timed(Array.from({ length: ACCOUNTS }, (_, i) => post(update(1 + i, firstAccount + i))));
    await timed(Array.from({ length: 200 }, () => health));

    const baseline = await timed(Array.from({ length: UPDATES }, () => health));
    const updates = Array.from({ length: UPDATES }, (_, i) => update(10_000 + i, firstAccount + (i % ACCOUNTS)));
    const retries = updates.filter((_, i) => i % Math.round(1 / RETRY_SHARE) === 0);
    const acks = await timed([...updates, ...retries].map((u) => post(u)));

    const expected = ACCOUNTS + UPDATES;
    const deadline = Date.now() + 120_000;
    while (telegram.total() < expected && Date.now() < deadline) await sleep(250);
    await sleep(3_000); // time for any duplicate to show up
    const counts = Array.from({ length: ACCOUNTS }, (_, i) => telegram.perChat.get(String(firstAccount + i)) ?? 0);
    const perAccount = (i) => 1 + updates.filter((u) => u.message.chat.id === firstAccount + i).length;
    const wrong = counts.filter((n, i) => n !== perAccount(i)).length;

    const rate = (t) => t.latencies.length / t.seconds;
    log(`baseline GET /api/health: ${rate(baseline).toFixed(0)} req/s, ${summary(baseline.latencies, 99)}`);
    log(`POST /webhooks/telegram:  ${rate(acks).toFixed(0)} acks/s, ${summary(acks.latencies, 99)} (${UPDATES} updates + ${retries.length} retries, ${ACCOUNTS} accounts, ${CONCURRENCY} in flight)`);
    log(`answers: ${telegram.total()} sendMessage for ${expected} distinct updates; accounts answered other than once per update: ${wrong}`);
    const p99 = percentile(acks.latencies, 99);
    return [
      verdict(rate(acks) >= TARGET_ACKS_PER_S, `${rate(acks).toFixed(0)} acks/s (target ≥ ${TARGET_ACKS_PER_S}; health baseline ${rate(baseline).toFixed(0)} req/s)`),
      verdict(p99 < TARGET_P99_MS, `ack p99 ${ms(p99)} (target < ${TARGET_P99_MS} ms; health p99 ${ms(percentile(baseline.latencies, 99))})`),
      verdict(telegram.total() === expected && wrong === 0, `every acknowledged update answered exactly once (${telegram.total()}/${expected}, retries not answered again)`),
    ];
  } finally {
    await edge.stop();
  }
}

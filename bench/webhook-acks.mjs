// Telegram webhook acks against `wrangler dev` on this machine (issue 6: ≥ 500 acks/s, p99 < 50 ms),
// with GET /api/health in the same run as the baseline, and every acknowledged update answered
// exactly once. Accounts are unpaired, so each update is answered with the pairing instructions
// from its ChannelIdentity's alarm, through a fake Telegram Bot API that counts sendMessage per
// chat; a share of the updates is delivered again (a Telegram retry) and must not be answered twice.
//
// The machine is shared, so besides acks/s and p99 it reports CPU ms per request of each process
// (workerd, wrangler's node, this client with the fake Bot API) for the webhook and for the health
// baseline: the ratio of those is what our path costs, whatever else the machine is doing. The
// Worker runs from a frozen copy (harness/wrangler-dev.mjs), so edits in the tree cannot restart it.
// Deliveries run in the same workerd while acks are measured, as they would on one dev machine.
//
// Two configurations, each with a hello-world Worker measured first in the same run, so the figures
// separate what is ours from what wrangler dev and the machine cost: "dev" as `npm run dev` runs it
// (the console as [assets]: wrangler's asset router sits in front of every request) and "deployed",
// the same Worker without [assets], as it runs behind the console on Pages.
//
// Environment: BENCH_WEBHOOK_UPDATES (default 2000), BENCH_WEBHOOK_ACCOUNTS (default 200),
// BENCH_WEBHOOK_CONCURRENCY (default 8: enough to keep both cores busy without measuring queueing),
// BENCH_WEBHOOK_CONFIGS (default "dev,deployed").
import { Agent, createServer, request } from "node:http";
import { cpuByName, cpuPerRequest, formatCpu, totalCpu } from "./harness/process-cpu.mjs";
import { freePort, sleep, trackServer } from "./harness/processes.mjs";
import { ms, percentile, summary, verdict } from "./harness/stats.mjs";
import { startWranglerDev } from "./harness/wrangler-dev.mjs";

export const name = "webhook-acks";
export const title = "Telegram webhook acks/s and p99 against wrangler dev, each update answered once";

const UPDATES = Number(process.env.BENCH_WEBHOOK_UPDATES ?? 2000);
const ACCOUNTS = Number(process.env.BENCH_WEBHOOK_ACCOUNTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 8);
const CONFIGS = (process.env.BENCH_WEBHOOK_CONFIGS ?? "dev,deployed").split(",");
const RETRY_SHARE = 0.1;
const TARGET_ACKS_PER_S = 500;
const TARGET_P99_MS = 50;
const SECRET = "bench-telegram-secret";

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

/** A keep-alive HTTP client: cheaper per request than fetch, so less of the two cores goes to the client. */
function httpClient(baseUrl) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const { hostname, port } = new URL(baseUrl);
  return (method, path, headers = {}, body = undefined) =>
    new Promise((resolve, reject) => {
      const req = request({ agent, hostname, port, method, path, headers: body ? { ...headers, "content-length": Buffer.byteLength(body) } : headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      });
      req.on("error", reject);
      req.end(body);
    });
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

/** GET /api/health from a hello-world Worker in the same configuration: what wrangler dev and the machine cost by themselves. */
async function helloWorld(config) {
  const edge = await startWranglerDev({}, { config, worker: "hello" });
  const call = httpClient(edge.url);
  try {
    const get = async () => {
      const status = await call("GET", "/api/health");
      if (status !== 200) throw new Error(`hello world answered ${status}`);
    };
    await timed(Array.from({ length: 500 }, () => get));
    const before = cpuByName(edge.pid);
    const timing = await timed(Array.from({ length: UPDATES }, () => get));
    await sleep(1_000);
    return { ...timing, cpu: cpuPerRequest(before, cpuByName(edge.pid), UPDATES) };
  } finally {
    await edge.stop();
  }
}

/** Health baseline and webhook acks of our Worker in one configuration, with the answers counted. */
async function clawgate(config) {
  const telegram = await fakeTelegram();
  const edge = await startWranglerDev(
    {
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_BOT_TOKEN: "1:bench",
      TELEGRAM_BOT_USERNAME: "bench_bot",
      TELEGRAM_API_BASE: telegram.url,
      SESSION_SECRET: "bench-session-secret-long-enough-0123456789",
    },
    { config },
  );
  const call = httpClient(edge.url);
  try {
    const post = (body) => async () => {
      const status = await call("POST", "/webhooks/telegram", { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, JSON.stringify(body));
      if (status !== 200) throw new Error(`webhook answered ${status}`);
    };
    const health = async () => {
      const status = await call("GET", "/api/health");
      if (status !== 200) throw new Error(`health answered ${status}`);
    };
    /** Timed jobs plus the CPU each process spent on them (after a pause for trailing work to finish). */
    const measured = async (jobs, settle) => {
      const before = cpuByName(edge.pid);
      const timing = await timed(jobs);
      await settle();
      return { ...timing, cpu: cpuPerRequest(before, cpuByName(edge.pid), jobs.length) };
    };
    const pause = () => sleep(1_000);

    // Warm-up: every account's object exists before timing, as it would after its first message.
    const firstAccount = 900_000_000;
    await timed(Array.from({ length: ACCOUNTS }, (_, i) => post(update(1 + i, firstAccount + i))));
    for (const deadline = Date.now() + 60_000; telegram.total() < ACCOUNTS && Date.now() < deadline; ) await sleep(100);
    await timed(Array.from({ length: 500 }, () => health));

    const baseline = await measured(Array.from({ length: UPDATES }, () => health), pause);
    const updates = Array.from({ length: UPDATES }, (_, i) => update(10_000 + i, firstAccount + (i % ACCOUNTS)));
    const retries = updates.filter((_, i) => i % Math.round(1 / RETRY_SHARE) === 0);
    const expected = ACCOUNTS + UPDATES;
    // The CPU sample waits for every answer: the webhook's cost includes its delivery.
    const acks = await measured([...updates, ...retries].map((u) => post(u)), async () => {
      for (const deadline = Date.now() + 120_000; telegram.total() < expected && Date.now() < deadline; ) await sleep(100);
      await pause();
    });
    await sleep(2_000); // time for any duplicate to show up
    const counts = Array.from({ length: ACCOUNTS }, (_, i) => telegram.perChat.get(String(firstAccount + i)) ?? 0);
    const perAccount = (i) => 1 + updates.filter((u) => u.message.chat.id === firstAccount + i).length;
    const wrong = counts.filter((n, i) => n !== perAccount(i)).length;
    return { baseline, acks, retries: retries.length, answered: telegram.total(), expected, wrong };
  } finally {
    await edge.stop();
  }
}

const rate = (t) => t.latencies.length / t.seconds;
const workerd = (t) => t.cpu.workerd ?? NaN;

/**
 * Runs `config` ("dev": as `npm run dev`, with the console's [assets]; "deployed": the Worker
 * alone, as behind Pages) and logs its figures; returns its verdicts.
 */
async function measureConfig(config, log) {
  const hello = await helloWorld(config);
  const { baseline, acks, retries, answered, expected, wrong } = await clawgate(config);
  const p99 = percentile(acks.latencies, 99);
  const baseP99 = percentile(baseline.latencies, 99);
  const line = (what, t, unit) => log(`${what} ${rate(t).toFixed(0)} ${unit}, ${summary(t.latencies, 99)}; CPU ms/request ${formatCpu(t.cpu)} (total ${totalCpu(t.cpu).toFixed(2)})`);
  log(`-- ${config === "dev" ? "as `npm run dev` runs it (console [assets], Worker first on /api, /webhooks, /twin)" : "as deployed behind Pages (the same Worker without [assets])"}`);
  line("hello-world Worker GET /api/health:", hello, "req/s");
  line("our GET /api/health:              ", baseline, "req/s");
  line("our POST /webhooks/telegram:      ", acks, `acks/s (${UPDATES} updates + ${retries} retries, ${ACCOUNTS} accounts, ${CONCURRENCY} in flight; CPU incl. delivery)`);
  log(`ratios to hello world: health throughput ${(rate(baseline) / rate(hello)).toFixed(2)}, workerd CPU ${(workerd(baseline) / workerd(hello)).toFixed(2)}; webhook throughput ${(rate(acks) / rate(hello)).toFixed(2)}, workerd CPU ${(workerd(acks) / workerd(hello)).toFixed(2)}`);
  log(`ratios webhook/health: throughput ${(rate(acks) / rate(baseline)).toFixed(2)}, p99 ${(p99 / baseP99).toFixed(2)}, workerd CPU ${(workerd(acks) / workerd(baseline)).toFixed(2)}`);
  log(`answers: ${answered} sendMessage for ${expected} distinct updates; accounts answered other than once per update: ${wrong}`);
  const tag = `[${config}]`;
  return [
    verdict(rate(acks) >= TARGET_ACKS_PER_S, `${tag} ${rate(acks).toFixed(0)} acks/s (target ≥ ${TARGET_ACKS_PER_S}; our health ${rate(baseline).toFixed(0)} req/s, hello world ${rate(hello).toFixed(0)} req/s)`),
    verdict(p99 < TARGET_P99_MS, `${tag} ack p99 ${ms(p99)} (target < ${TARGET_P99_MS} ms; our health p99 ${ms(baseP99)}, hello world ${ms(percentile(hello.latencies, 99))})`),
    verdict(null, `${tag} workerd CPU per request: webhook incl. delivery ${workerd(acks).toFixed(2)} ms, our health ${workerd(baseline).toFixed(2)} ms, hello world ${workerd(hello).toFixed(2)} ms`),
    verdict(answered === expected && wrong === 0, `${tag} every acknowledged update answered exactly once (${answered}/${expected}, retries not answered again)`),
  ];
}

export async function run(log) {
  const verdicts = [];
  for (const config of CONFIGS) verdicts.push(...(await measureConfig(config, log)));
  return verdicts;
}

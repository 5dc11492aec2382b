// Telegram webhook acks against `wrangler dev` on this machine (issue 6: ≥ 500 acks/s, p99 < 50 ms),
// with GET /api/health in the same run as the baseline, and every acknowledged update answered
// exactly once. Accounts are unpaired, so each update is answered with the pairing instructions
// by its ChannelIdentity right after the ack, through a fake Telegram Bot API that counts sendMessage per
// chat; a share of the updates is delivered again (a Telegram retry) and must not be answered twice.
//
// The machine is shared, so besides acks/s and p99 it reports CPU ms per request of each process
// (workerd, wrangler's node, this client with the fake Bot API) for the webhook and for the health
// baseline: the ratio of those is what our path costs, whatever else the machine is doing. The
// Worker runs from a frozen copy (harness/wrangler-dev.mjs), so edits in the tree cannot restart it.
// Deliveries run in the same workerd while acks are measured, as they would on one dev machine.
//
// Two configurations, each with baseline Workers measured first in the same run, so the figures
// separate what is ours from what wrangler dev and the machine cost: a hello world, and under the
// same burst the bare ingress of this design (one Durable Object insert per update, no reply) and
// the bare answered ingress (plus an outbox row and one sendMessage after the ack) — the most any
// implementation of it could show here. "dev" as `npm run dev` runs it
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

const FIRST_ACCOUNT = 900_000_000;
/** The timed burst: UPDATES new updates spread over the accounts (ids from 10,000 + `offset`), then a share of them delivered again. */
function burst(offset = 0) {
  const updates = Array.from({ length: UPDATES }, (_, i) => update(10_000 + offset + i, FIRST_ACCOUNT + (i % ACCOUNTS)));
  const retries = updates.filter((_, i) => i % Math.round(1 / RETRY_SHARE) === 0);
  return { updates, retries, all: [...updates, ...retries] };
}

/** Requests through the keep-alive client that must answer 200. */
function caller(url) {
  const call = httpClient(url);
  return {
    post: (body, path = "/webhooks/telegram") => async () => {
      const status = await call("POST", path, { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, JSON.stringify(body));
      if (status !== 200) throw new Error(`webhook answered ${status}`);
    },
    get: async () => {
      const status = await call("GET", "/api/health");
      if (status !== 200) throw new Error(`health answered ${status}`);
    },
  };
}

/** Timed jobs plus the CPU each process of `pid`'s tree spent on them, after `settle` lets trailing work finish. */
async function measured(pid, jobs, settle = () => sleep(1_000)) {
  const before = cpuByName(pid);
  const timing = await timed(jobs);
  await settle();
  return { ...timing, cpu: cpuPerRequest(before, cpuByName(pid), jobs.length) };
}

/** Waits until the fake Bot API has seen `expected` sends (or a minute passed), then a second more. */
async function answered(telegram, expected) {
  for (const deadline = Date.now() + 60_000; telegram.total() < expected && Date.now() < deadline; ) await sleep(100);
  await sleep(1_000);
}

/** A hello world in the same configuration (harness/wrangler-dev.mjs): what wrangler dev and the machine cost by themselves. */
async function helloWorld(config) {
  const edge = await startWranglerDev({}, { config, worker: "hello" });
  const { get } = caller(edge.url);
  try {
    await timed(Array.from({ length: 500 }, () => get));
    return await measured(edge.pid, Array.from({ length: UPDATES }, () => get));
  } finally {
    await edge.stop();
  }
}

/**
 * The bare ingress of this design in the same configuration, under the same burst as ours: one
 * DO insert per update (no reply), then the answered variant (insert, outbox row, one sendMessage
 * after the ack) — the least an ack, and an answered ack, can cost here.
 */
async function bareIngress(config) {
  const telegram = await fakeTelegram();
  const edge = await startWranglerDev({ TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE: telegram.url }, { config, worker: "bare" });
  const { post } = caller(edge.url);
  try {
    await timed(Array.from({ length: ACCOUNTS }, (_, i) => post(update(1 + i, FIRST_ACCOUNT + i))));
    const bare = await measured(edge.pid, burst().all.map((u) => post(u)));
    // New update ids, so the answered burst is deduplicated on its own.
    const { updates, all } = burst(UPDATES);
    const bareAnswered = await measured(
      edge.pid,
      all.map((u) => post(u, "/webhooks/telegram-answered")),
      () => answered(telegram, updates.length),
    );
    return { bare, bareAnswered: { ...bareAnswered, sends: telegram.total(), expected: updates.length } };
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
  const { get, post } = caller(edge.url);
  try {
    // Warm-up: every account's object exists before timing, as it would after its first message.
    await timed(Array.from({ length: ACCOUNTS }, (_, i) => post(update(1 + i, FIRST_ACCOUNT + i))));
    for (const deadline = Date.now() + 60_000; telegram.total() < ACCOUNTS && Date.now() < deadline; ) await sleep(100);
    await timed(Array.from({ length: 500 }, () => get));

    const baseline = await measured(edge.pid, Array.from({ length: UPDATES }, () => get));
    const { updates, retries, all } = burst();
    const expected = ACCOUNTS + UPDATES;
    // The CPU sample waits for every answer: the webhook's cost includes its delivery.
    const acks = await measured(
      edge.pid,
      all.map((u) => post(u)),
      () => answered(telegram, expected),
    );
    await sleep(2_000); // time for any duplicate to show up
    const counts = Array.from({ length: ACCOUNTS }, (_, i) => telegram.perChat.get(String(FIRST_ACCOUNT + i)) ?? 0);
    const perAccount = (i) => 1 + updates.filter((u) => u.message.chat.id === FIRST_ACCOUNT + i).length;
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
  const { bare, bareAnswered } = await bareIngress(config);
  const { baseline, acks, retries, answered, expected, wrong } = await clawgate(config);
  const p99 = percentile(acks.latencies, 99);
  const baseP99 = percentile(baseline.latencies, 99);
  const line = (what, t, unit) => log(`${what} ${rate(t).toFixed(0)} ${unit}, ${summary(t.latencies, 99)}; CPU ms/request ${formatCpu(t.cpu)} (total ${totalCpu(t.cpu).toFixed(2)})`);
  log(`-- ${config === "dev" ? "as `npm run dev` runs it (console [assets], Worker first on /api, /webhooks, /twin)" : "as deployed behind Pages (the same Worker without [assets])"}`);
  line("hello-world Worker GET /api/health:  ", hello, "req/s");
  line("bare ingress POST (1 DO insert, no reply):", bare, "acks/s");
  line("bare answered ingress POST (+ 1 send):", bareAnswered, `acks/s (${bareAnswered.sends} sends for ${bareAnswered.expected} updates; CPU incl. sending)`);
  line("our GET /api/health:                 ", baseline, "req/s");
  line("our POST /webhooks/telegram:         ", acks, `acks/s (${UPDATES} updates + ${retries} retries, ${ACCOUNTS} accounts, ${CONCURRENCY} in flight; CPU incl. delivery)`);
  const ratios = (t) => `throughput ${(rate(t) / rate(hello)).toFixed(2)}, workerd CPU ${(workerd(t) / workerd(hello)).toFixed(2)}`;
  log(`ratios to hello world: bare ingress ${ratios(bare)}; bare answered ingress ${ratios(bareAnswered)}; our health ${ratios(baseline)}; our webhook ${ratios(acks)}`);
  log(`ratios our webhook/bare answered ingress: throughput ${(rate(acks) / rate(bareAnswered)).toFixed(2)}, p99 ${(p99 / percentile(bareAnswered.latencies, 99)).toFixed(2)}, workerd CPU ${(workerd(acks) / workerd(bareAnswered)).toFixed(2)}`);
  log(`ratios webhook/health: throughput ${(rate(acks) / rate(baseline)).toFixed(2)}, p99 ${(p99 / baseP99).toFixed(2)}, workerd CPU ${(workerd(acks) / workerd(baseline)).toFixed(2)}`);
  log(`answers: ${answered} sendMessage for ${expected} distinct updates; accounts answered other than once per update: ${wrong}`);
  const tag = `[${config}]`;
  return [
    verdict(rate(acks) >= TARGET_ACKS_PER_S, `${tag} ${rate(acks).toFixed(0)} acks/s (target ≥ ${TARGET_ACKS_PER_S}; our health ${rate(baseline).toFixed(0)} req/s, hello world ${rate(hello).toFixed(0)} req/s)`),
    verdict(p99 < TARGET_P99_MS, `${tag} ack p99 ${ms(p99)} (target < ${TARGET_P99_MS} ms; our health p99 ${ms(baseP99)}, hello world ${ms(percentile(hello.latencies, 99))})`),
    verdict(null, `${tag} the most this design can show here: bare ingress (1 DO insert, no reply) ${rate(bare).toFixed(0)} acks/s, p99 ${ms(percentile(bare.latencies, 99))}; bare answered ingress ${rate(bareAnswered).toFixed(0)} acks/s, p99 ${ms(percentile(bareAnswered.latencies, 99))}`),
    verdict(null, `${tag} workerd CPU per request: webhook incl. delivery ${workerd(acks).toFixed(2)} ms, bare answered ingress ${workerd(bareAnswered).toFixed(2)} ms, bare ingress ${workerd(bare).toFixed(2)} ms, our health ${workerd(baseline).toFixed(2)} ms, hello world ${workerd(hello).toFixed(2)} ms`),
    verdict(answered === expected && wrong === 0, `${tag} every acknowledged update answered exactly once (${answered}/${expected}, retries not answered again)`),
  ];
}

export async function run(log) {
  const verdicts = [];
  for (const config of CONFIGS) verdicts.push(...(await measureConfig(config, log)));
  return verdicts;
}

// `/ping` latency while turns run (target: p99 ≤ 50 ms, DESIGN §5), against `/ping` on the same
// container while idle, in the same run. Pings go out every few milliseconds; only those sent while
// a turn was in flight count as "under load". Two loads: warm turns on one session, and cold turns
// (a new session each, 2 MB of plan and blobs pushed, parsed, stored and assembled — the heaviest
// work the contract server's own event loop does).
//
// Environment: BENCH_PINGS (idle pings, default 300), BENCH_LOAD_TURNS (turns per load, default 8).
import { edgeSession, startContainer } from "./harness/container.mjs";
import { knowledgePlan } from "./harness/plans.mjs";
import { sleep, tempDir } from "./harness/processes.mjs";
import { ms, percentile, summary, verdict } from "./harness/stats.mjs";

export const name = "ping-under-load";
export const title = "/ping p99 while a turn runs";

const IDLE_PINGS = Number(process.env.BENCH_PINGS ?? 300);
const LOAD_TURNS = Number(process.env.BENCH_LOAD_TURNS ?? 8);
const INTERVAL_MS = 5;
const TARGET_P99_MS = 50;

async function ping(url) {
  const started = performance.now();
  const res = await fetch(`${url}/ping`);
  const body = await res.json();
  return { elapsed: performance.now() - started, status: body.status };
}

/** Pings every INTERVAL_MS while `load` runs; keeps those sent while a turn was in flight. */
async function pingDuring(url, load) {
  const state = { inFlight: 0, done: false };
  const samples = [];
  const pinger = (async () => {
    while (!state.done) {
      const busy = state.inFlight > 0;
      const sample = await ping(url);
      if (busy && state.inFlight > 0) samples.push(sample);
      await sleep(INTERVAL_MS);
    }
  })();
  await load(async (turn) => {
    state.inFlight++;
    try {
      return await turn();
    } finally {
      state.inFlight--;
    }
  });
  state.done = true;
  await pinger;
  return samples;
}

export async function run(log) {
  const { plan, blobs } = knowledgePlan({ docs: 100, docBytes: 20 * 1024 });
  const container = await startContainer(await tempDir("clawgate-bench-data-"));
  const warmSession = edgeSession(container.url, { sessionId: "emp-carol--employee--bench-ping-0000000000", plan, blobs });
  await warmSession.turn("who are you?");

  const idle = [];
  for (let i = 0; i < IDLE_PINGS; i++) {
    idle.push((await ping(container.url)).elapsed);
    await sleep(INTERVAL_MS);
  }
  const warm = await pingDuring(container.url, async (inTurn) => {
    for (let i = 0; i < LOAD_TURNS; i++) await inTurn(() => warmSession.turn("who are you?"));
  });
  const cold = await pingDuring(container.url, async (inTurn) => {
    for (let i = 0; i < LOAD_TURNS; i++) {
      const session = edgeSession(container.url, { sessionId: `emp-carol--employee--bench-ping-cold-${String(i).padStart(6, "0")}`, plan, blobs });
      await inTurn(() => session.turn("who are you?"));
    }
  });
  await container.stop();

  const busyShare = (samples) => `${samples.filter((s) => s.status === "HealthyBusy").length}/${samples.length} HealthyBusy`;
  const times = (samples) => samples.map((s) => s.elapsed);
  const p99 = (values) => percentile(values, 99);
  log(`idle                 : ${summary(idle, 99)}`);
  log(`during warm turns    : ${summary(times(warm), 99)} — ${busyShare(warm)}`);
  log(`during cold 2 MB turns: ${summary(times(cold), 99)} — ${busyShare(cold)}`);
  log(`ratio p99 loaded/idle: warm ${(p99(times(warm)) / p99(idle)).toFixed(1)}×, cold ${(p99(times(cold)) / p99(idle)).toFixed(1)}×`);
  const worst = Math.max(p99(times(warm)), p99(times(cold)));
  return [verdict(worst <= TARGET_P99_MS, `/ping p99 under a running turn ≤ ${TARGET_P99_MS} ms (warm ${ms(p99(times(warm)))}, cold 2 MB ${ms(p99(times(cold)))}, idle ${ms(p99(idle))})`)];
}

// From process start to the first reply, with a zero-latency model (the offline model), as an
// orchestrator sees it: spawn main.ts, poll /ping, send the first (cold) invocation the moment
// /ping answers, and time the reply. Breakdown: contract server answering /ping, OpenClaw gateway
// ready ("ready on"), first turn (reply − gateway ready). Baseline, same run: the bare OpenClaw
// gateway with the same kind of config, from spawn to serving an authenticated /v1/models — the
// floor any design that keeps one gateway per container pays.
//
// Environment: BENCH_START_RUNS (default 3).
import { invocationFixture } from "../agent-container/src/testing/fixtures.ts";
import { invoke, startContainer } from "./harness/container.mjs";
import { startFixedModel } from "./harness/fixed-model.mjs";
import { openclawSetup, startBareGateway } from "./harness/openclaw.mjs";
import { CAROL } from "./harness/plans.mjs";
import { sleep, tempDir } from "./harness/processes.mjs";
import { median, ms, summary, verdict } from "./harness/stats.mjs";

export const name = "first-reply";
export const title = "Process start to first reply (zero-latency model)";

const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);

async function pingUntilUp(url, startedAt) {
  for (;;) {
    const up = await fetch(`${url}/ping`).then(
      async (res) => {
        await res.body?.cancel();
        return res.ok;
      },
      () => false,
    );
    if (up) return performance.now() - startedAt;
    await sleep(5);
  }
}

async function oursOnce(run) {
  const container = await startContainer(await tempDir("clawgate-bench-data-"), { waitReady: false });
  const pingMs = await pingUntilUp(container.url, container.startedAt);
  const request = invocationFixture("who are you?", { ...CAROL, sessionId: `emp-carol--employee--bench-start-${String(run).padStart(12, "0")}` });
  const { result } = await invoke(container.url, request);
  const replyMs = performance.now() - container.startedAt;
  if (!result.reply.includes("Carol Zhang")) throw new Error(`unexpected reply: ${result.reply}`);
  await container.ready;
  const readyMs = container.marks.ready;
  await container.stop();
  return { pingMs, readyMs, replyMs, turnMs: replyMs - Math.max(readyMs, pingMs) };
}

export async function run(log) {
  const model = await startFixedModel("bench");
  const ours = [];
  const bare = [];
  // Interleaved, so that both meet the same machine load.
  for (let i = 0; i < RUNS; i++) {
    const r = await oursOnce(i);
    ours.push(r);
    log(`ours run ${i + 1}/${RUNS}: /ping ${ms(r.pingMs)} · gateway ready ${ms(r.readyMs)} · first reply ${ms(r.replyMs)} (first turn ${ms(r.turnMs)})`);
    const gateway = await startBareGateway(await openclawSetup({ modelUrl: model.url }));
    bare.push(gateway.readyMs);
    await gateway.stop();
    log(`baseline run ${i + 1}/${RUNS}: bare OpenClaw gateway serving after ${ms(gateway.readyMs)}`);
  }
  const pick = (key) => ours.map((r) => r[key]);
  const ratio = median(pick("replyMs")) / median(bare);
  log(`ours: /ping answers          ${summary(pick("pingMs"), 50)}`);
  log(`ours: gateway ready          ${summary(pick("readyMs"), 50)}`);
  log(`ours: first reply            ${summary(pick("replyMs"), 50)}`);
  log(`ours: first turn (after ready) ${summary(pick("turnMs"), 50)}`);
  log(`baseline: bare gateway ready ${summary(bare, 50)}`);
  log(`ratio first reply / bare gateway start (medians): ${ratio.toFixed(2)}× (overhead ${ms(median(pick("replyMs")) - median(bare))})`);
  return [verdict(null, `process start → first reply ${ms(median(pick("replyMs")))} median (/ping ${ms(median(pick("pingMs")))}, gateway ready ${ms(median(pick("readyMs")))}; bare gateway ${ms(median(bare))}, ${ratio.toFixed(2)}×)`)];
}

// Warm-turn overhead of the container against `openclaw agent --local` (one process per message),
// measured in the same run. The model is zero-latency on both sides (the offline model for ours,
// a fixed-text SSE server for the baseline), so the wall time of a turn is the platform's overhead.
//
//   ours:     one container, 3 warm-up turns, then N turns on one session (signed POST /invocations,
//             the plan by version after the first);
//   baseline: `openclaw agent --local`, M runs, on the very workspace the container assembled.
//
// Environment: BENCH_TURNS (N, default 20), BENCH_BASELINE_RUNS (M, default 5).
import { sessionToolPolicy } from "@clawgate/contracts";
import { invocationFixture } from "../agent-container/src/testing/fixtures.ts";
import { invoke, startContainer } from "./harness/container.mjs";
import { startFixedModel } from "./harness/fixed-model.mjs";
import { openclawSetup, runOpenClaw } from "./harness/openclaw.mjs";
import { CAROL } from "./harness/plans.mjs";
import { tempDir } from "./harness/processes.mjs";
import { median, ms, percentile, summary, verdict } from "./harness/stats.mjs";

export const name = "warm-turn";
export const title = "Warm turn vs one OpenClaw process per message";

const N = Number(process.env.BENCH_TURNS ?? 20);
const M = Number(process.env.BENCH_BASELINE_RUNS ?? 5);
const WARMUP = 3;
const TARGET_P50_MS = 300;
const TARGET_RATIO = 20;
const MESSAGE = "who are you?";
const SESSION_ID = "emp-carol--employee--bench-000000000000001";
const BASELINE_REPLY = "I'm Carol Zhang's agent (fixed benchmark reply).";

async function measureOurs(log) {
  log(`ours: container with a real OpenClaw gateway and the offline model`);
  const container = await startContainer(await tempDir("clawgate-bench-data-"));
  log(`  ready after ${ms(container.marks.ready)}`);
  const first = invocationFixture(MESSAGE, { ...CAROL, sessionId: SESSION_ID });
  const { plan } = first;
  // After the first push the session holds plan and blobs: later turns name the plan version only.
  const turn = () => ({ turnId: `bench-${crypto.randomUUID()}`, sessionId: SESSION_ID, message: MESSAGE, planVersion: plan.planVersion, blobs: {} });
  for (let i = 0; i < WARMUP; i++) {
    const { elapsed, result } = await invoke(container.url, i === 0 ? first : turn());
    log(`  warm-up ${i + 1}/${WARMUP}: ${ms(elapsed)}${i === 0 ? ` — "${result.reply.slice(0, 70)}…"` : ""}`);
    if (!result.reply.includes("Carol Zhang")) throw new Error(`unexpected reply: ${result.reply}`);
  }
  const times = [];
  for (let i = 0; i < N; i++) {
    const { elapsed, result } = await invoke(container.url, turn());
    if (!result.reply.includes("Carol Zhang")) throw new Error(`unexpected reply: ${result.reply}`);
    times.push(elapsed);
  }
  log(`  ${N} warm turns: ${times.map((t) => t.toFixed(0)).join(" ")} ms`);
  const workspace = container.workspace(SESSION_ID);
  await container.stop();
  return { times, workspace, plan };
}

async function measureBaseline(log, workspace, plan) {
  log(`baseline: \`openclaw agent --local\`, one process per message, on the same workspace`);
  const model = await startFixedModel(BASELINE_REPLY);
  const policy = sessionToolPolicy(plan.accessPath, plan.tools);
  const agent = {
    agentId: "bench",
    workspace,
    tools: [...policy.allow, ...policy.memoryScoped],
    skills: plan.skills.map((s) => s.name),
    maxTokens: plan.model.maxTokens,
    contextWindow: plan.model.contextWindow,
  };
  const setup = await openclawSetup({ modelUrl: model.url, agents: [agent] });
  // --agent selects the session's entry (the config also holds the idle agent, as the container's does).
  const args = ["agent", "--local", "--agent", agent.agentId, "--session-id", "bench", "--message", MESSAGE, "--json"];
  const check = (run, label) => {
    if (run.code !== 0) throw new Error(`baseline ${label} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-1000)}`);
    if (!run.stdout.includes(BASELINE_REPLY)) throw new Error(`baseline ${label} did not return the model's reply:\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`);
  };
  // One unmeasured run fills Node's compile cache and OpenClaw's state, in the baseline's favour.
  const warm = await runOpenClaw(setup, args);
  check(warm, "warm-up");
  log(`  warm-up (not counted): ${ms(warm.elapsed)}`);
  const times = [];
  for (let i = 0; i < M; i++) {
    const run = await runOpenClaw(setup, args);
    check(run, `run ${i + 1}`);
    times.push(run.elapsed);
    log(`  run ${i + 1}/${M}: ${ms(run.elapsed)}`);
  }
  return times;
}

export async function run(log) {
  const ours = await measureOurs(log);
  const baseline = await measureBaseline(log, ours.workspace, ours.plan);
  const p50 = percentile(ours.times, 50);
  const ratio = median(baseline) / median(ours.times);
  log(`ours     (warm turn, POST /invocations): ${summary(ours.times)}`);
  log(`baseline (process per message)         : ${summary(baseline, 50)}`);
  log(`ratio baseline/ours (medians)          : ${ratio.toFixed(1)}×`);
  return [
    verdict(p50 <= TARGET_P50_MS, `warm turn overhead p50 ≤ ${TARGET_P50_MS} ms (measured ${ms(p50)})`),
    verdict(ratio >= TARGET_RATIO, `warm turn ≥ ${TARGET_RATIO}× faster than process-per-message (measured ${ratio.toFixed(1)}×)`),
  ];
}

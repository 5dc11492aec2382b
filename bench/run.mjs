#!/usr/bin/env node
// `npm run bench [-- name…]`: every benchmark of the agent runtime, each against a baseline
// measured in the same run (DESIGN §8). Prints figures, ratios and PASS/FAIL against the issue's
// targets; never asserts — timings on a busy machine are noisy, so read them with the load shown.
import { availableParallelism, loadavg } from "node:os";
import * as coldAssembly from "./cold-assembly.mjs";
import * as firstReply from "./first-reply.mjs";
import * as pingUnderLoad from "./ping-under-load.mjs";
import * as warmTurn from "./warm-turn.mjs";
import * as warmUnchangedPlan from "./warm-unchanged-plan.mjs";
import * as webhookAcks from "./webhook-acks.mjs";
import { cleanup, wasInterrupted } from "./harness/processes.mjs";

const ALL = [coldAssembly, warmUnchangedPlan, pingUnderLoad, firstReply, warmTurn, webhookAcks];

const log = (line = "") => process.stdout.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !ALL.some((b) => b.name === w));
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(", ")}; choose from ${ALL.map((b) => b.name).join(", ")}`);
  const selected = wanted.length ? ALL.filter((b) => wanted.includes(b.name)) : ALL;

  log(`ClawGate agent-runtime benchmarks — node ${process.version}, ${availableParallelism()} CPUs, load average ${load()}`);
  const verdicts = [];
  for (const bench of selected) {
    log(`\n== ${bench.name}: ${bench.title}`);
    const started = performance.now();
    for (const v of await bench.run((line) => log(`   ${line}`))) verdicts.push({ bench: bench.name, ...v });
    log(`   (${((performance.now() - started) / 1000).toFixed(0)} s, load average now ${load()})`);
  }
  log(`\nSummary`);
  for (const v of verdicts) log(`${v.ok === null ? "INFO" : v.ok ? "PASS" : "FAIL"} ${v.bench}: ${v.text}`);
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  if (!wasInterrupted()) log(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await cleanup();
}

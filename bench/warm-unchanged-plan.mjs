// A warm session with an unchanged plan, driven by the edge's own invoke loop against the real
// container: the request body (target ≤ 2 KB) and the files written (target 0), the latter read
// from the filesystem itself — inode, mtime and ctime of every file in the session workspace and
// the blob store — so any write, even of identical bytes, counts. Baseline: the cold first turn
// of the same session, which pushes the plan and all of its 2 MB of blobs.
//
// Environment: BENCH_WARM_TURNS (default 10).
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { listFiles } from "../agent-container/src/workspace/assembler.ts";
import { edgeSession, startContainer } from "./harness/container.mjs";
import { knowledgePlan } from "./harness/plans.mjs";
import { tempDir } from "./harness/processes.mjs";
import { kb, median, ms, summary, verdict } from "./harness/stats.mjs";

export const name = "warm-unchanged-plan";
export const title = "Warm turn with an unchanged plan: request bytes and file writes";

const TURNS = Number(process.env.BENCH_WARM_TURNS ?? 10);
const TARGET_BYTES = 2048;
const SESSION_ID = "emp-carol--employee--bench-000000000000003";

async function stamps(dirs) {
  const out = new Map();
  for (const dir of dirs) {
    for (const file of await listFiles(dir)) {
      const s = await stat(file, { bigint: true });
      out.set(file, `${s.ino}:${s.mtimeNs}:${s.ctimeNs}:${s.size}`);
    }
  }
  return out;
}

function changes(before, after) {
  let changed = 0;
  for (const [file, stamp] of after) if (before.get(file) !== stamp) changed++;
  for (const file of before.keys()) if (!after.has(file)) changed++;
  return changed;
}

export async function run(log) {
  const { plan, blobs } = knowledgePlan({ docs: 100, docBytes: 20 * 1024 });
  const container = await startContainer(await tempDir("clawgate-bench-data-"));
  const session = edgeSession(container.url, { sessionId: SESSION_ID, plan, blobs });

  const cold = await session.turn("who are you?");
  if (!cold.result.reply.includes("Carol Zhang")) throw new Error(`unexpected reply: ${cold.result.reply}`);
  const coldBytes = cold.requests.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
  log(`cold turn: ${cold.requests.length} request(s), ${kb(coldBytes)}, ${ms(cold.elapsed)}`);

  const watched = [container.workspace(SESSION_ID), join(container.dataDir, "blobs")];
  const before = await stamps(watched);
  const warmBytes = [];
  const warmRequests = [];
  const times = [];
  for (let i = 0; i < TURNS; i++) {
    const warm = await session.turn("who are you?");
    if (!warm.result.reply.includes("Carol Zhang")) throw new Error(`unexpected reply: ${warm.result.reply}`);
    warmRequests.push(warm.requests.length);
    warmBytes.push(...warm.requests.map((body) => Buffer.byteLength(body)));
    times.push(warm.elapsed);
  }
  const written = changes(before, await stamps(watched));
  await container.stop();

  const maxBytes = Math.max(...warmBytes);
  log(`warm turns: ${TURNS}, ${warmRequests.reduce((a, b) => a + b, 0)} request(s), body ${kb(maxBytes)} max (${kb(median(warmBytes))} median)`);
  log(`files watched: ${before.size} (workspace + blob store); written or removed during the warm turns: ${written}`);
  log(`warm turn time: ${summary(times)}`);
  log(`ratio cold/warm request bytes: ${Math.round(coldBytes / maxBytes)}×`);
  return [
    verdict(maxBytes <= TARGET_BYTES, `warm unchanged-plan request ≤ ${TARGET_BYTES} B (measured ${maxBytes} B, cold ${kb(coldBytes)})`),
    verdict(written === 0, `warm unchanged-plan turns write no file (measured ${written} of ${before.size})`),
  ];
}

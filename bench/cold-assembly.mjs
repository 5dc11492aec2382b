// Cold assembly of a workspace whose knowledge is 100 documents of 20 KB (2 MB in all) into an
// empty directory — target ≤ 50 ms — against the floor: a plain sequential writeFile of the very
// same files and bytes, in the same run and the same filesystem, alternating with ours.
//
// Also shown, without a target: the whole container-side cold path before OpenClaw sees the turn
// (parse the 2 MB invocation, verify and store plan and blobs, assemble).
//
// Environment: BENCH_ASSEMBLY_RUNS (default 30).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { InvocationRequest } from "@clawgate/contracts";
import { prepareTurn } from "../agent-container/src/session/prepare-turn.ts";
import { assembleWorkspace } from "../agent-container/src/workspace/assembler.ts";
import { BlobStore } from "../agent-container/src/workspace/blob-store.ts";
import { renderWorkspace } from "../agent-container/src/workspace/render.ts";
import { knowledgePlan } from "./harness/plans.mjs";
import { removeTempDir, tempDir } from "./harness/processes.mjs";
import { kb, median, ms, percentile, summary, verdict } from "./harness/stats.mjs";

export const name = "cold-assembly";
export const title = "Cold assembly of a 2 MB workspace (100 × 20 KB documents)";

const RUNS = Number(process.env.BENCH_ASSEMBLY_RUNS ?? 30);
const DOCS = 100;
const DOC_BYTES = 20 * 1024;
const TARGET_MS = 50;

async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The floor: the same files, created in order with nothing else done. */
async function plainWrites(dir, files) {
  for (const [path, content] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content, "utf8");
  }
}

export async function run(log) {
  const { plan, blobs } = knowledgePlan({ docs: DOCS, docBytes: DOC_BYTES });
  const blobMap = new Map(Object.entries(blobs));
  const files = renderWorkspace(plan, blobMap);
  const bytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const body = JSON.stringify({ turnId: "bench", sessionId: "emp-carol--employee--bench-000000000000002", message: "hi", planVersion: plan.planVersion, plan, blobs });
  log(`workspace: ${files.size} files, ${kb(bytes)}; cold invocation body ${kb(Buffer.byteLength(body))}`);

  const root = await tempDir("clawgate-bench-assembly-");
  const ours = [];
  const floor = [];
  const coldPath = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so that neither always meets a warmer page cache.
    const runOurs = async () => ours.push(await timed(() => assembleWorkspace(join(root, `ours-${i}`), plan, blobMap)));
    const runFloor = async () => floor.push(await timed(() => plainWrites(join(root, `floor-${i}`), files)));
    if (i % 2) await runFloor().then(runOurs);
    else await runOurs().then(runFloor);
    coldPath.push(
      await timed(async () => {
        const store = new BlobStore(join(root, `store-${i}`));
        const prepared = await prepareTurn(store, InvocationRequest.parse(JSON.parse(body)));
        if (!("ready" in prepared)) throw new Error("cold path: the runtime still lacks content");
        await assembleWorkspace(join(root, `path-${i}`), prepared.ready.plan, await store.texts(Object.keys(blobs)));
      }),
    );
  }
  await removeTempDir(root);

  const ratio = median(ours) / median(floor);
  log(`ours  (assembleWorkspace, empty dir) : ${summary(ours)}`);
  log(`floor (sequential writeFile)         : ${summary(floor)}`);
  log(`ratio ours/floor (medians)           : ${ratio.toFixed(2)}×`);
  log(`whole cold path (parse + store + assemble): ${summary(coldPath)}`);
  return [verdict(percentile(ours, 50) <= TARGET_MS, `cold assembly of 2 MB median ≤ ${TARGET_MS} ms (measured ${ms(median(ours))}, p95 ${ms(percentile(ours, 95))}, ${ratio.toFixed(2)}× plain writes)`)];
}

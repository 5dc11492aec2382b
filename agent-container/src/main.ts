import { join } from "node:path";
import { rm } from "node:fs/promises";
import { loadConfig } from "./config.ts";
import { Health } from "./health.ts";
import { startContractServer } from "./http/server.ts";
import { selectBackend } from "./model-proxy/backends.ts";
import { startModelProxy } from "./model-proxy/server.ts";
import { TurnLedger } from "./model-proxy/turn-ledger.ts";
import { OpenClawGateway } from "./openclaw/gateway.ts";
import { locateOpenClaw } from "./openclaw/locate.ts";
import { TurnRunner } from "./session/turn-runner.ts";
import { openClawStateDb } from "./session/schedules-harvest.ts";
import { BlobStore } from "./workspace/blob-store.ts";

const config = loadConfig();
const log = (line: string) => process.stdout.write(`[agent-container] ${line}\n`);
const verbose = process.env.CLAWGATE_VERBOSE === "1";
/** How long a turn waits for a gateway that is starting or restarting before it gets an error result. */
const gatewayWaitMs = milliseconds(process.env.CLAWGATE_GATEWAY_WAIT_MS, 120_000);
/**
 * On SIGTERM, how long running turns may take to finish before they are aborted, and then how long
 * OpenClaw may take to shut down cleanly (it writes its compile cache on a clean exit) before it is killed.
 */
const shutdownGraceMs = milliseconds(process.env.CLAWGATE_SHUTDOWN_GRACE_MS, 10_000);

// openclaw.json and OpenClaw state are regenerated on every boot and never synced.
const stateDir = join(config.dataDir, "openclaw-state");
await rm(join(stateDir, "openclaw.json"), { force: true });

const ledger = new TurnLedger();
const gateway = new OpenClawGateway({
  entry: locateOpenClaw(),
  stateDir,
  settings: {
    port: config.gatewayPort,
    token: config.gatewayToken,
    proxyBaseUrl: `http://127.0.0.1:${config.proxyPort}/v1`,
    proxyToken: config.proxyToken,
  },
  readyWaitMs: gatewayWaitMs,
  stopGraceMs: shutdownGraceMs,
  log,
  output: (line) => {
    if (verbose) log(`openclaw: ${line}`);
  },
});
const runner = new TurnRunner({
  blobs: new BlobStore(join(config.dataDir, "blobs")),
  gateway,
  ledger,
  dataDir: config.dataDir,
  schedulesDb: openClawStateDb(stateDir),
  fallbackModel: () => selectBackend(config.model, null).model,
});
const health = new Health();

const proxy = await startModelProxy({
  port: config.proxyPort,
  token: config.proxyToken,
  ledger,
  backendFor: (agentId) => selectBackend(config.model, runner.modelFor(agentId)),
  log,
});
// Started at boot and supervised from then on. The contract server does not wait for it: /ping is
// answered at once, and a turn that arrives early waits (bounded) for the gateway.
process.on("exit", () => gateway.killNow());
gateway.start();
const server = await startContractServer({
  port: config.port,
  host: config.host,
  hmacSecret: config.hmacSecret,
  health,
  runner,
  info: { offlineModel: config.model.provider === "offline", model: selectBackend(config.model, null).model },
  log,
});
log(`listening on http://${config.host}:${config.port}`);
gateway.whenReady(Number.POSITIVE_INFINITY).then(
  () => log(`ready on http://${config.host}:${config.port} (model: ${config.model.provider}${config.model.provider === "offline" ? " — ClawGate offline stand-in, not a real LLM" : ""})`),
  () => undefined,
);

let shuttingDown = false;
/** Stop taking invocations, let running turns finish (or fail them after the grace period), stop OpenClaw, exit 0. */
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${signal}: stopping; ${health.inFlight} invocation(s) in flight get up to ${shutdownGraceMs} ms`);
  server.stopAccepting();
  if (!(await health.whenIdle(shutdownGraceMs))) log(`aborting ${health.inFlight} invocation(s) still running`);
  await gateway.stop();
  // Aborted turns still answer, with status "error": let them write it.
  await health.whenIdle(1_000);
  proxy.close();
  log("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

function milliseconds(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

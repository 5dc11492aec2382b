import { join } from "node:path";
import { loadConfig } from "./config.ts";
import { Health } from "./health.ts";
import { startContractServer } from "./http/server.ts";
import { selectBackend } from "./model-proxy/backends.ts";
import { startModelProxy } from "./model-proxy/server.ts";
import { TurnLedger } from "./model-proxy/turn-ledger.ts";
import { OpenClawGateway } from "./openclaw/gateway.ts";
import { locateOpenClaw } from "./openclaw/locate.ts";
import { TurnRunner } from "./session/turn-runner.ts";
import { BlobStore } from "./workspace/blob-store.ts";
import { rm } from "node:fs/promises";

const config = loadConfig();
const log = (line: string) => process.stdout.write(`[agent-container] ${line}\n`);
const verbose = process.env.CLAWGATE_VERBOSE === "1";

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
  log: (line) => {
    if (verbose) log(`openclaw: ${line}`);
  },
});
const runner = new TurnRunner({
  blobs: new BlobStore(join(config.dataDir, "blobs")),
  gateway,
  ledger,
  dataDir: config.dataDir,
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
// The contract server answers /ping at once; turns wait inside the gateway until it is ready.
const gatewayReady = gateway.start();
const server = await startContractServer({
  port: config.port,
  host: config.host,
  hmacSecret: config.hmacSecret,
  health,
  runner,
  info: { offlineModel: config.model.provider === "offline", model: selectBackend(config.model, null).model },
  log,
});
await gatewayReady;
log(`ready on http://${config.host}:${config.port} (model: ${config.model.provider}${config.model.provider === "offline" ? " — ClawGate offline stand-in, not a real LLM" : ""})`);

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${signal}: stopping`);
  server.close();
  proxy.close();
  await gateway.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("exit", () => gateway.killNow());

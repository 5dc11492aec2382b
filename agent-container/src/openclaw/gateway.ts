import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildOpenClawConfig, type AgentEntry, type GatewaySettings } from "./config.ts";
import { readSse } from "@clawgate/contracts";

export interface GatewayOptions {
  entry: string;
  stateDir: string;
  settings: GatewaySettings;
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

/**
 * Environment for the OpenClaw child: an allowlist, so no cloud credentials or runtime secrets reach it.
 * No NODE_COMPILE_CACHE: OpenClaw's launcher re-spawns itself when the compile cache points anywhere but
 * its own packaged directory, and killing that wrapper would orphan the real gateway (still on the port).
 */
function gatewayEnv(stateDir: string, settings: GatewaySettings): NodeJS.ProcessEnv {
  const keep = ["PATH", "LANG", "TZ", "TMPDIR", "NODE_OPTIONS"];
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key]) env[key] = process.env[key];
  return {
    ...env,
    HOME: join(stateDir, "home"),
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_CONFIG_PATH: join(stateDir, "openclaw.json"),
    OPENCLAW_GATEWAY_TOKEN: settings.token,
    OPENCLAW_SKIP_CRON: "1",
    OPENCLAW_DISABLE_BONJOUR: "1",
    OPENCLAW_NO_RESPAWN: "1",
    OPENCLAW_SKIP_CHANNELS: "1",
    OPENCLAW_SKIP_GMAIL_WATCHER: "1",
    OPENCLAW_SKIP_CANVAS_HOST: "1",
  };
}

/**
 * One OpenClaw gateway per container, started at boot and driven over its loopback
 * `/v1/chat/completions` endpoint. Agent entries (one per session) are hot-reloaded by
 * rewriting openclaw.json; the gateway watches the file.
 */
export class OpenClawGateway {
  #child: ChildProcess | null = null;
  #agents = new Map<string, AgentEntry>();
  #reloadWaiters: Array<() => void> = [];
  #stopping = false;
  #configWrite: Promise<void> = Promise.resolve();
  #ready: Promise<void> | null = null;

  private readonly options: GatewayOptions;

  constructor(options: GatewayOptions) {
    this.options = options;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.settings.port}`;
  }

  /** Starts the gateway once; every later call returns the same readiness promise. */
  start(): Promise<void> {
    this.#ready ??= this.#start();
    return this.#ready;
  }

  async #start(): Promise<void> {
    await mkdir(join(this.options.stateDir, "home"), { recursive: true });
    await this.#writeConfig();
    const child = spawn(process.execPath, [this.options.entry, "gateway", "run", "--port", String(this.options.settings.port)], {
      env: gatewayEnv(this.options.stateDir, this.options.settings),
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#child = child;
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        if (line.includes("config hot reload applied")) this.#reloadWaiters.splice(0).forEach((resolve) => resolve());
        this.options.log?.(line);
      }
    };
    child.stdout?.on("data", onLine);
    child.stderr?.on("data", onLine);
    child.on("exit", (code, signal) => {
      this.#child = null;
      if (!this.#stopping) this.options.log?.(`openclaw gateway exited (code ${code}, signal ${signal})`);
    });
    await this.#waitHealthy(this.options.startTimeoutMs ?? 120_000);
  }

  get running(): boolean {
    return this.#child !== null;
  }

  async #waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.#child) throw new Error("openclaw gateway exited during start-up");
      try {
        // Authenticated, so that a stray gateway on the same port is never mistaken for ours.
        const res = await fetch(`${this.baseUrl}/v1/models`, { headers: this.#auth() });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`openclaw gateway not healthy after ${timeoutMs} ms`);
  }

  /** Registers or updates a session agent and resolves once the gateway serves it as configured. */
  async ensureAgent(entry: AgentEntry): Promise<void> {
    await this.start();
    const current = this.#agents.get(entry.agentId);
    if (current && JSON.stringify(current) === JSON.stringify(entry)) return;
    this.#agents.set(entry.agentId, entry);
    const reloaded = new Promise<void>((resolve) => this.#reloadWaiters.push(resolve));
    await this.#writeConfig();
    await Promise.race([reloaded, sleep(10_000)]);
    if (!current) await this.#waitAgentListed(entry.agentId, 10_000);
  }

  async #waitAgentListed(agentId: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const res = await fetch(`${this.baseUrl}/v1/models`, { headers: this.#auth() });
      const body = (await res.json()) as { data?: Array<{ id: string }> };
      if (body.data?.some((m) => m.id === `openclaw/${agentId}`)) return;
      await sleep(100);
    }
    throw new Error(`agent ${agentId} was not loaded by the gateway`);
  }

  #writeConfig(): Promise<void> {
    const path = join(this.options.stateDir, "openclaw.json");
    const config = buildOpenClawConfig(this.options.settings, [...this.#agents.values()], join(this.options.stateDir, "idle-workspace"));
    this.#configWrite = this.#configWrite.then(async () => {
      const temp = `${path}.tmp`;
      await writeFile(temp, JSON.stringify(config, null, 2), "utf8");
      await rename(temp, path);
    });
    return this.#configWrite;
  }

  #auth(): Record<string, string> {
    return { Authorization: `Bearer ${this.options.settings.token}` };
  }

  /** Runs one turn for a session agent; streams text deltas and resolves with the full reply. */
  async chat(agentId: string, message: string, onDelta: (text: string) => void, signal?: AbortSignal): Promise<string> {
    const res = await fetch(`${this.baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { ...this.#auth(), "Content-Type": "application/json", "x-openclaw-session-key": `agent:${agentId}:clawgate` },
      body: JSON.stringify({ model: `openclaw/${agentId}`, stream: true, messages: [{ role: "user", content: message }] }),
      ...(signal ? { signal } : {}),
    });
    if (!res.ok || !res.body) throw new Error(`openclaw gateway answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    let reply = "";
    for await (const event of readSse(res.body)) {
      if (event.data === "[DONE]") break;
      const chunk = JSON.parse(event.data) as { choices?: Array<{ delta?: { content?: string } }>; error?: { message?: string } };
      if (chunk.error) throw new Error(`openclaw run failed: ${chunk.error.message ?? "unknown error"}`);
      const text = chunk.choices?.[0]?.delta?.content;
      if (text) {
        reply += text;
        onDelta(text);
      }
    }
    return reply;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
    if (this.#child) child.kill("SIGKILL");
  }

  /** Synchronous last resort when our own process exits. */
  killNow(): void {
    this.#child?.kill("SIGKILL");
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

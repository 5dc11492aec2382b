import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readReply } from "./chat-stream.ts";
import { gatewayChildEnv } from "./child-env.ts";
import { buildOpenClawConfig, type AgentEntry, type GatewaySettings } from "./config.ts";
import { GatewayProcess } from "./gateway-process.ts";
import { TurnFailed } from "./turn-failed.ts";

export interface GatewayOptions {
  entry: string;
  stateDir: string;
  settings: GatewaySettings;
  /** OpenClaw's own output, line by line. */
  output?: (line: string) => void;
  /** Lifecycle events: started, ready, exited, restarting. */
  log?: (line: string) => void;
  /** A gateway not serving by then is killed and restarted (default 120 s). */
  startTimeoutMs?: number;
  /** On stop, how long OpenClaw may take to shut down cleanly before it is killed (default 10 s). */
  stopGraceMs?: number;
  /** How long a turn waits for a gateway that is starting or restarting (default 120 s). */
  readyWaitMs?: number;
}

/**
 * One OpenClaw gateway per container, started at boot, restarted when it dies, and driven over its
 * loopback `/v1/chat/completions` endpoint. Agent entries (one per session) live in openclaw.json,
 * which is rewritten on every change (the gateway hot-reloads it) and before every restart, so a
 * restarted gateway serves every session it served before.
 */
export class OpenClawGateway {
  readonly #options: GatewayOptions;
  readonly #process: GatewayProcess;
  readonly #agents = new Map<string, AgentEntry>();
  #reloadWaiters: Array<() => void> = [];
  #configWrite: Promise<void> = Promise.resolve();
  /** Sessions whose turn a crash of the gateway interrupted, until their next turn succeeds. */
  readonly #interrupted = new Set<string>();
  #stopping = false;

  constructor(options: GatewayOptions) {
    this.#options = options;
    this.#process = new GatewayProcess({
      command: process.execPath,
      args: [options.entry, "gateway", "run", "--port", String(options.settings.port)],
      env: gatewayChildEnv(options.stateDir),
      probe: () => this.#serves(),
      beforeStart: async () => {
        await mkdir(join(options.stateDir, "home"), { recursive: true });
        await this.#writeConfig();
      },
      onLine: (line) => {
        if (line.includes("config hot reload applied")) this.#reloadWaiters.splice(0).forEach((resolve) => resolve());
        options.output?.(line);
      },
      ...(options.log ? { log: options.log } : {}),
      ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
      stopGraceMs: options.stopGraceMs ?? 10_000,
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.#options.settings.port}`;
  }

  get #readyWaitMs(): number {
    return this.#options.readyWaitMs ?? 120_000;
  }

  /** Starts the gateway (at boot); turns that arrive before it serves wait for it. */
  start(): void {
    this.#process.start();
  }

  /** Resolves once the gateway serves, waiting up to `timeoutMs` (default: as long as a turn would). */
  async whenReady(timeoutMs = this.#readyWaitMs): Promise<void> {
    await this.#process.whenReady(timeoutMs);
  }

  /** Registers or updates a session agent and resolves once the gateway serves it as configured. */
  async ensureAgent(entry: AgentEntry): Promise<void> {
    const lifetime = await this.#process.whenReady(this.#readyWaitMs);
    const current = this.#agents.get(entry.agentId);
    if (current && JSON.stringify(current) === JSON.stringify(entry)) return;
    this.#agents.set(entry.agentId, entry);
    const reloaded = new Promise<void>((resolve) => this.#reloadWaiters.push(resolve));
    await this.#writeConfig();
    // A gateway that dies or is stopped meanwhile fails the turn now, not after the wait.
    await Promise.race([reloaded, sleep(10_000), aborted(lifetime)]);
    lifetime.throwIfAborted();
    if (!current) await this.#waitAgentListed(entry.agentId, 10_000);
  }

  async #waitAgentListed(agentId: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.#process.whenReady(this.#readyWaitMs);
      if ((await this.#listedModels().catch((): string[] => [])).includes(`openclaw/${agentId}`)) return;
      await sleep(100);
    }
    throw new TurnFailed(`OpenClaw did not load the session's agent within ${timeoutMs / 1000} s`);
  }

  async #listedModels(): Promise<string[]> {
    // Authenticated, so that a stray gateway on the same port is never mistaken for ours.
    const res = await fetch(`${this.baseUrl}/v1/models`, { headers: this.#auth() });
    if (!res.ok) return [];
    const body = (await res.json()) as { data?: Array<{ id: string }> };
    return body.data?.map((m) => m.id) ?? [];
  }

  async #serves(): Promise<boolean> {
    const res = await fetch(`${this.baseUrl}/v1/models`, { headers: this.#auth() });
    await res.body?.cancel();
    return res.ok;
  }

  #writeConfig(): Promise<void> {
    const path = join(this.#options.stateDir, "openclaw.json");
    const config = buildOpenClawConfig(this.#options.settings, [...this.#agents.values()], join(this.#options.stateDir, "idle-workspace"));
    this.#configWrite = this.#configWrite.then(async () => {
      const temp = `${path}.tmp`;
      await writeFile(temp, JSON.stringify(config, null, 2), "utf8");
      await rename(temp, path);
    });
    return this.#configWrite;
  }

  #auth(): Record<string, string> {
    return { Authorization: `Bearer ${this.#options.settings.token}` };
  }

  /**
   * Runs one turn for a session agent; streams text deltas and resolves with the full reply.
   * Throws TurnFailed when the model or OpenClaw failed, or the gateway went away mid-turn;
   * anything else it throws is an infrastructure fault.
   */
  async chat(agentId: string, message: string, onDelta: (text: string) => void, signal?: AbortSignal): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const lifetime = await this.#process.whenReady(this.#readyWaitMs);
      let streamed = false;
      try {
        const reply = await this.#chatOnce(agentId, message, lifetime, (text) => {
          streamed = true;
          onDelta(text);
        }, signal);
        this.#interrupted.delete(agentId);
        return reply;
      } catch (error) {
        if (lifetime.aborted && !this.#stopping) this.#interrupted.add(agentId);
        // A restarted OpenClaw resumes the turn a crash interrupted by itself, a few seconds after it
        // starts (its "restart recovery"). A turn for that session arriving while the resume is being
        // dispatched is refused before it runs ("session changed while starting work. Retry.", which
        // the stream reports only as an error): that refusal, and only that, is retried.
        const refusedAfterCrash = error instanceof TurnFailed && !streamed && !lifetime.aborted && this.#interrupted.has(agentId);
        if (!refusedAfterCrash || attempt >= RECOVERY_COLLISION_ATTEMPTS) throw error;
        await sleep(1_000);
      }
    }
  }

  async #chatOnce(agentId: string, message: string, lifetime: AbortSignal, onDelta: (text: string) => void, signal?: AbortSignal): Promise<string> {
    const abort = signal ? AbortSignal.any([lifetime, signal]) : lifetime;
    try {
      const res = await fetch(`${this.baseUrl}/v1/chat/completions`, {
        method: "POST",
        headers: { ...this.#auth(), "Content-Type": "application/json", "x-openclaw-session-key": `agent:${agentId}:clawgate` },
        body: JSON.stringify({ model: `openclaw/${agentId}`, stream: true, messages: [{ role: "user", content: message }] }),
        signal: abort,
      });
      if (!res.ok || !res.body) throw new Error(`openclaw gateway answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return await readReply(res.body, onDelta);
    } catch (error) {
      if (error instanceof TypeError && !abort.aborted) {
        // The socket usually closes a moment before the exit is reported: prefer the exit's reason.
        await Promise.race([aborted(lifetime), sleep(1_000)]);
        if (!lifetime.aborted) throw new TurnFailed(`lost the connection to OpenClaw (${error.message})`);
      }
      if (abort.aborted) throw abort.reason instanceof Error ? abort.reason : new TurnFailed(String(abort.reason));
      throw error;
    }
  }

  /** Fails turns in flight, then stops the gateway and everything it spawned. */
  stop(): Promise<void> {
    this.#stopping = true;
    return this.#process.stop();
  }

  /** Synchronous last resort when our own process exits. */
  killNow(): void {
    this.#process.killNow();
  }
}

const RECOVERY_COLLISION_ATTEMPTS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const aborted = (signal: AbortSignal) => new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));

import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { DEFAULT_BACKOFF, failuresAfterExit, restartDelay, type BackoffPolicy } from "./restart-backoff.ts";
import { TurnFailed } from "./turn-failed.ts";

export interface GatewayProcessOptions {
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** True once a freshly started process serves requests. */
  probe: () => Promise<boolean>;
  /** Runs before every start: the config a restarted gateway reads must be current. */
  beforeStart: () => Promise<void>;
  /** Each line the process prints. */
  onLine?: (line: string) => void;
  /** Lifecycle events: started, ready, exited, restarting. */
  log?: (line: string) => void;
  /** A process not serving by then is killed and restarted. */
  startTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL when stopping. */
  stopGraceMs?: number;
  backoff?: BackoffPolicy;
}

interface Waiter {
  resolve: (lifetime: AbortSignal) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

const PROBE_INTERVAL_MS = 200;
const SHUTTING_DOWN = "the agent runtime is shutting down";

/**
 * Keeps one gateway process running. It gets a process group of its own, so stopping it also takes
 * down whatever it spawned (shell commands of the exec tool). It is probed until it serves, and
 * restarted with backoff whenever it dies. Every process has a lifetime signal that aborts when it
 * goes away, so a turn in flight fails at once instead of hanging.
 */
export class GatewayProcess {
  readonly #options: GatewayProcessOptions;
  readonly #waiters = new Set<Waiter>();
  #child: ChildProcess | null = null;
  #lifetime: AbortController | null = null;
  #ready = false;
  #stopping = false;
  #supervising: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(options: GatewayProcessOptions) {
    this.#options = options;
  }

  /** The running process's id, which is also its process group id. */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  /** Starts supervising; later calls do nothing. */
  start(): void {
    this.#supervising ??= this.#supervise();
  }

  /**
   * Resolves with the lifetime signal of a process that serves requests, waiting up to `timeoutMs`
   * (may be Infinity) for one that is starting or restarting.
   */
  whenReady(timeoutMs: number): Promise<AbortSignal> {
    if (this.#stopping) return Promise.reject(new TurnFailed(SHUTTING_DOWN));
    if (this.#ready && this.#lifetime) return Promise.resolve(this.#lifetime.signal);
    this.start();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: undefined };
      if (Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new TurnFailed(`OpenClaw was not ready within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
      }
      this.#waiters.add(waiter);
    });
  }

  /** Fails turns in flight, then SIGTERM to the process group, SIGKILL after the grace period. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    this.#settleWaiters((waiter) => waiter.reject(new TurnFailed(SHUTTING_DOWN)));
    this.#lifetime?.abort(new TurnFailed(SHUTTING_DOWN));
    const child = this.#child;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      signalGroup(child.pid, "SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#options.stopGraceMs ?? 5_000)))]);
      clearTimeout(timer);
      signalGroup(child.pid, "SIGKILL");
    }
    await this.#supervising;
  }

  /** Synchronous last resort when our own process exits. */
  killNow(): void {
    const pid = this.#child?.pid;
    if (pid !== undefined) signalGroup(pid, "SIGKILL");
  }

  async #supervise(): Promise<void> {
    const policy = this.#options.backoff ?? DEFAULT_BACKOFF;
    let failures = 0;
    while (!this.#stopping) {
      const healthyFor = await this.#runOnce();
      if (this.#stopping) break;
      failures = failuresAfterExit(failures, healthyFor, policy);
      const delay = restartDelay(failures, policy);
      this.#options.log?.(`restarting the OpenClaw gateway in ${delay} ms (failure ${failures} in a row)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
  }

  /** One process from spawn to exit; resolves with how long it served (null: never). */
  async #runOnce(): Promise<number | null> {
    const lifetime = new AbortController();
    this.#lifetime = lifetime;
    try {
      await this.#options.beforeStart();
    } catch (error) {
      this.#options.log?.(`cannot start the OpenClaw gateway: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
    if (this.#stopping) return null;

    const child = spawn(this.#options.command, this.#options.args, { env: this.#options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.#child = child;
    const exited = new Promise<string>((resolve) => {
      child.once("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
      child.once("error", (error) => resolve(error.message));
    });
    let gone = false;
    void exited.then(() => (gone = true));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => this.#options.onLine?.(line));
    }
    this.#options.log?.(`OpenClaw gateway started (pid ${child.pid})`);

    let servingSince: number | null = null;
    if (await this.#waitServing(() => gone)) {
      servingSince = Date.now();
      this.#ready = true;
      this.#options.log?.(`OpenClaw gateway ready (pid ${child.pid})`);
      this.#settleWaiters((waiter) => waiter.resolve(lifetime.signal));
    } else if (!gone && !this.#stopping) {
      this.#options.log?.(`OpenClaw gateway not serving after ${this.#options.startTimeoutMs ?? 120_000} ms: killing it`);
      if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
    }

    const how = await exited;
    this.#ready = false;
    this.#child = null;
    // Whatever it spawned dies with it: a stray shell command, or a descendant holding the port.
    if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
    lifetime.abort(new TurnFailed(`OpenClaw exited during the turn (${how})`));
    if (!this.#stopping) this.#options.log?.(`OpenClaw gateway exited unexpectedly (${how})`);
    return servingSince === null ? null : Date.now() - servingSince;
  }

  async #waitServing(gone: () => boolean): Promise<boolean> {
    const deadline = Date.now() + (this.#options.startTimeoutMs ?? 120_000);
    while (Date.now() < deadline && !gone() && !this.#stopping) {
      if (await this.#options.probe().catch(() => false)) return !gone();
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
    return false;
  }

  #settleWaiters(settle: (waiter: Waiter) => void): void {
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      settle(waiter);
    }
    this.#waiters.clear();
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is gone already
  }
}

/** AgentCore health: `HealthyBusy` while any invocation is in flight, stamped with the time of the last *status change*. */
export class Health {
  #inFlight = 0;
  #changedAt = Math.floor(Date.now() / 1000);
  #idleWaiters = new Set<() => void>();

  get status(): "Healthy" | "HealthyBusy" {
    return this.#inFlight > 0 ? "HealthyBusy" : "Healthy";
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  ping(): { status: "Healthy" | "HealthyBusy"; time_of_last_update: number } {
    return { status: this.status, time_of_last_update: this.#changedAt };
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#set(+1);
    try {
      return await work();
    } finally {
      this.#set(-1);
    }
  }

  /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.#idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#idleWaiters.add(onIdle);
    });
  }

  #set(delta: number): void {
    const before = this.status;
    this.#inFlight += delta;
    if (this.status === before) return;
    this.#changedAt = Math.floor(Date.now() / 1000);
    if (this.#inFlight === 0) for (const onIdle of [...this.#idleWaiters]) onIdle();
  }
}

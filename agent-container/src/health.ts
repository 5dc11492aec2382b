/** AgentCore health: `HealthyBusy` while any turn runs, stamped with the time of the last *status change*. */
export class Health {
  #inFlight = 0;
  #changedAt = Math.floor(Date.now() / 1000);

  get status(): "Healthy" | "HealthyBusy" {
    return this.#inFlight > 0 ? "HealthyBusy" : "Healthy";
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

  #set(delta: number): void {
    const before = this.status;
    this.#inFlight += delta;
    if (this.status !== before) this.#changedAt = Math.floor(Date.now() / 1000);
  }
}

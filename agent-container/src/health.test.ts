import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Health } from "./health.ts";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("Health", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-21T10:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("is HealthyBusy while any invocation is in flight and Healthy after the last one", async () => {
    const health = new Health();
    expect(health.ping().status).toBe("Healthy");
    const [a, b] = [deferred(), deferred()];
    const first = health.track(() => a.promise);
    const second = health.track(() => b.promise);
    expect(health.ping().status).toBe("HealthyBusy");
    expect(health.inFlight).toBe(2);
    a.resolve();
    await first;
    expect(health.ping().status).toBe("HealthyBusy");
    b.resolve();
    await second;
    expect(health.ping()).toMatchObject({ status: "Healthy" });
  });

  it("stamps time_of_last_update with the last status change, not with every invocation", async () => {
    const health = new Health();
    const boot = Date.parse("2026-11-21T10:00:00Z") / 1000;
    expect(health.ping().time_of_last_update).toBe(boot);

    vi.setSystemTime(new Date("2026-11-21T10:05:00Z"));
    const a = deferred();
    const first = health.track(() => a.promise);
    expect(health.ping().time_of_last_update).toBe(boot + 300);

    // A second invocation while busy is no status change.
    vi.setSystemTime(new Date("2026-11-21T10:06:00Z"));
    const b = deferred();
    const second = health.track(() => b.promise);
    a.resolve();
    await first;
    expect(health.ping()).toEqual({ status: "HealthyBusy", time_of_last_update: boot + 300 });

    vi.setSystemTime(new Date("2026-11-21T10:07:00Z"));
    b.resolve();
    await second;
    expect(health.ping()).toEqual({ status: "Healthy", time_of_last_update: boot + 420 });
  });

  it("counts a failed invocation as finished", async () => {
    const health = new Health();
    await expect(health.track(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(health.ping().status).toBe("Healthy");
  });

  it("whenIdle resolves true when the last invocation ends, false when the time runs out first", async () => {
    const health = new Health();
    await expect(health.whenIdle(1_000)).resolves.toBe(true);

    const a = deferred();
    const work = health.track(() => a.promise);
    const tooShort = health.whenIdle(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(tooShort).resolves.toBe(false);

    const idle = health.whenIdle(10_000);
    a.resolve();
    await work;
    await expect(idle).resolves.toBe(true);
  });
});

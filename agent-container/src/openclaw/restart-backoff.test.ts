import { describe, expect, it } from "vitest";
import { failuresAfterExit, restartDelay, type BackoffPolicy } from "./restart-backoff.ts";

const policy: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

describe("restartDelay", () => {
  it("doubles from the initial delay and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => restartDelay(n, policy))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("never goes below the initial delay", () => {
    expect(restartDelay(0, policy)).toBe(1_000);
  });
});

describe("failuresAfterExit", () => {
  it("counts consecutive crashes of a process that never became healthy or died young", () => {
    expect(failuresAfterExit(0, null, policy)).toBe(1);
    expect(failuresAfterExit(3, null, policy)).toBe(4);
    expect(failuresAfterExit(3, 59_999, policy)).toBe(4);
  });

  it("forgives earlier crashes once a process stayed healthy long enough", () => {
    expect(failuresAfterExit(5, 60_000, policy)).toBe(1);
    expect(restartDelay(failuresAfterExit(5, 3_600_000, policy), policy)).toBe(1_000);
  });
});

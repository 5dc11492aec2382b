import { describe, expect, inject, it } from "vitest";
import { readFile } from "node:fs/promises";

/** Runs last (tests/browser/story-order.ts): it stops the stack every other story used. */

async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

async function exitCode(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return null;
  }
}

describe("stopping `npm run dev`", () => {
  it("Ctrl-C stops the edge, the container and OpenClaw, and exits 0", async () => {
    process.kill(inject("devPid"), "SIGINT");
    await expect.poll(() => exitCode(inject("devExitFile")), { timeout: 60_000, interval: 250 }).toBe("0");
    expect(await refusesConnections(inject("consoleUrl"))).toBe(true);
    expect(await refusesConnections(`${inject("runtimeUrl")}/ping`)).toBe(true);
  });
});

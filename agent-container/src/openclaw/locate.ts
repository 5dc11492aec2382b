import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The pinned OpenClaw entry point (its package exports hide package.json, so walk node_modules). */
export function locateOpenClaw(from: string = import.meta.dirname, override = process.env.OPENCLAW_ENTRY): string {
  if (override) return override;
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", "openclaw", "openclaw.mjs");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error("openclaw is not installed: run npm install");
  }
}

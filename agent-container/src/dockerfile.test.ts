import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { OPENCLAW_SWITCHES } from "./openclaw/child-env.ts";

/**
 * The image cannot be built here (no Docker engine), so its invariants are checked on the text:
 * arm64, a Node the pinned OpenClaw supports, non-root, OpenClaw pinned to the version the
 * container is tested with, the headless switches, a warmed compile cache, and a build context
 * that carries everything the Dockerfile copies and nothing secret.
 */

const ROOT = join(import.meta.dirname, "../..");
const dockerfile = readFileSync(join(ROOT, "agent-container/Dockerfile"), "utf8");
const dockerignore = readFileSync(join(ROOT, ".dockerignore"), "utf8");
const containerPackage = JSON.parse(readFileSync(join(ROOT, "agent-container/package.json"), "utf8")) as { dependencies: Record<string, string>; engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions per stage: comments dropped, continuation lines joined, ARG defaults substituted. */
function parse(text: string): Instruction[][] {
  const logical = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const args = new Map<string, string>();
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const [, keyword = "", rest = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    const substituted = rest.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a?: string, b?: string) => args.get((a ?? b)!) ?? whole);
    if (upper === "ARG") {
      const [name, value] = rest.split("=");
      if (name && value !== undefined) args.set(name.trim(), value.trim());
    }
    if (upper === "FROM") stages.push([]);
    (stages.at(-1) ?? (stages[0] = [])).push({ keyword: upper, args: substituted.replace(/\s+/g, " ") });
  }
  return stages;
}

const stages = parse(dockerfile);
const runtime = stages.at(-1)!;
const all = stages.flat();
const pinned = containerPackage.dependencies.openclaw!;

function envOf(stage: Instruction[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const { keyword, args } of stage) {
    if (keyword !== "ENV") continue;
    for (const pair of args.split(" ")) {
      const [key, ...value] = pair.split("=");
      if (key) env.set(key, value.join("="));
    }
  }
  return env;
}

describe("agent-container/Dockerfile", () => {
  it("builds every stage for linux/arm64 (AgentCore runs arm64 only)", () => {
    const froms = all.filter((i) => i.keyword === "FROM");
    expect(froms.length).toBeGreaterThanOrEqual(1);
    for (const from of froms) expect(from.args).toMatch(/^--platform=linux\/arm64 /);
  });

  it("starts from a pinned Node 22 slim image that OpenClaw supports (≥ 22.22.3)", () => {
    for (const from of all.filter((i) => i.keyword === "FROM")) {
      const image = from.args.split(" ")[1]!;
      const version = /^node:(\d+)\.(\d+)\.(\d+)-[\w-]*slim$/.exec(image);
      expect(version, image).not.toBeNull();
      const [major, minor, patch] = version!.slice(1).map(Number) as [number, number, number];
      expect(major).toBe(22);
      expect(minor * 1000 + patch).toBeGreaterThanOrEqual(22 * 1000 + 3);
    }
  });

  it("runs as a non-root user, also for the warm-up run", () => {
    const users = runtime.filter((i) => i.keyword === "USER");
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args;
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const userAt = runtime.lastIndexOf(users.at(-1)!);
    const warmUpAt = runtime.findIndex((i) => i.keyword === "RUN" && i.args.includes("agent-container/scripts/warm-up.ts"));
    expect(warmUpAt).toBeGreaterThan(userAt);
    expect(runtime.findIndex((i) => i.keyword === "CMD")).toBeGreaterThan(userAt);
  });

  it("pins OpenClaw to the version the container is tested with, and installs production dependencies only", () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages["node_modules/openclaw"]?.version).toBe(pinned);
    const install = all.find((i) => i.keyword === "RUN" && i.args.includes("npm ci"))!;
    expect(install.args).toContain("--omit=dev");
    expect(install.args).toContain("--workspace=@clawgate/agent-container");
    expect(install.args).toContain(`openclaw@${pinned}`);
    expect(dockerfile).not.toMatch(/openclaw@(?!\d)/);
  });

  it("sets the headless OpenClaw switches the gateway child gets, and a compile cache", () => {
    const env = envOf(runtime);
    for (const [key, value] of Object.entries(OPENCLAW_SWITCHES)) expect(env.get(key), key).toBe(value);
    expect(env.get("NODE_COMPILE_CACHE")).toMatch(/^\//);
    expect(env.get("NODE_ENV")).toBe("production");
    expect(env.get("PORT")).toBe("8080");
    expect(env.get("HOST")).toBe("0.0.0.0");
  });

  it("exposes 8080 and runs main.ts under an init that forwards SIGTERM", () => {
    expect(runtime).toContainEqual({ keyword: "EXPOSE", args: "8080" });
    expect(runtime.find((i) => i.keyword === "CMD")?.args).toBe('["node", "agent-container/src/main.ts"]');
    expect(runtime.find((i) => i.keyword === "ENTRYPOINT")?.args).toBe('["/usr/bin/tini", "--"]');
  });

  it("copies only paths that exist and that .dockerignore lets into the build context", () => {
    const allowed = dockerignore
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.startsWith("!"))
      .map((l) => l.slice(1));
    expect(dockerignore.split("\n").find((l) => l.trim() && !l.startsWith("#"))).toBe("*");
    const copies = all.filter((i) => i.keyword === "COPY" && !i.args.includes("--from="));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const sources = copy.args.split(" ").filter((a) => !a.startsWith("--")).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), source).toBe(true);
        expect(
          allowed.some((a) => source === a || source === a.replace(/\/$/, "") || (a.endsWith("/") && source.startsWith(a))),
          `${source} is not in .dockerignore's allowlist`,
        ).toBe(true);
      }
    }
  });

  it("keeps tests, node_modules and local state out of the image", () => {
    const lines = dockerignore.split("\n").map((l) => l.trim());
    expect(lines).toContain("**/*.test.ts");
    expect(lines).toContain("**/node_modules");
    for (const secret of [".dev.vars", ".clawgate", ".wrangler", ".git"]) expect(lines).not.toContain(`!${secret}`);
  });
});

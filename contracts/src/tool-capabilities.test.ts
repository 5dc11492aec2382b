import { describe, expect, it } from "vitest";
import { sessionToolPolicy, toolPolicyFor } from "./tool-capabilities.ts";
import { AccessPath } from "./common.ts";

const ALL = ["web_search", "shell", "browser", "file", "file_write", "code_execution"];

describe("toolPolicyFor", () => {
  it("lets a position without the file capability still read (skills and knowledge load by reading)", () => {
    const policy = toolPolicyFor(["web_search"]);
    expect(policy.allow).toEqual(["automations", "memory_get", "memory_search", "read", "web_fetch", "web_search"]);
    expect(policy.memoryScoped).toEqual(["write", "edit"]);
    expect(toolPolicyFor([]).allow).toEqual(["automations", "memory_get", "memory_search", "read"]);
  });

  it("maps every capability and ignores unknown ones", () => {
    const policy = toolPolicyFor([...ALL, "teleport"]);
    expect(policy.allow).toEqual(
      ["apply_patch", "automations", "browser", "code_execution", "edit", "exec", "memory_get", "memory_search", "process", "read", "web_fetch", "web_search", "write"],
    );
    expect(policy.memoryScoped).toEqual([]);
  });
});

describe("sessionToolPolicy", () => {
  it("clamps a twin to read-only tools without memory writes or schedules, whatever the position has", () => {
    const twin = sessionToolPolicy("twin", toolPolicyFor(ALL));
    expect(twin).toEqual({ capabilities: [], allow: ["memory_get", "memory_search", "read"], memoryScoped: [] });
    expect(sessionToolPolicy("twin", toolPolicyFor(["web_search", "file"]))).toEqual(twin);
  });

  it("never grants a twin more than the plan did", () => {
    const narrow = { capabilities: [], allow: ["memory_search"], memoryScoped: ["write"] };
    expect(sessionToolPolicy("twin", narrow)).toEqual({ capabilities: [], allow: ["memory_search"], memoryScoped: [] });
  });

  it("is idempotent and leaves every other access path alone", () => {
    const policy = toolPolicyFor(ALL);
    const twin = sessionToolPolicy("twin", policy);
    expect(sessionToolPolicy("twin", twin)).toEqual(twin);
    for (const path of AccessPath.options.filter((p) => p !== "twin")) expect(sessionToolPolicy(path, policy), path).toBe(policy);
  });
});

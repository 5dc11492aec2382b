import { describe, expect, it } from "vitest";
import { toolPolicyFor } from "@clawgate/contracts";
import { judgeToolCall, offeredTools, summariseArgs } from "./policy.ts";
import type { ToolCall, ToolDefinition } from "./types.ts";

const tool = (name: string): ToolDefinition => ({ type: "function", function: { name, parameters: { type: "object" } } });
const call = (name: string, args: unknown): ToolCall => ({
  id: `call_${name}`,
  type: "function",
  function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args) },
});

/** Finance analyst: file + web_search; write/edit only on memory files. */
const finance = toolPolicyFor(["web_search", "file"]);
/** Software engineer: shell and file_write granted outright. */
const engineer = toolPolicyFor(["web_search", "shell", "browser", "file", "file_write", "code_execution"]);

/** Everything OpenClaw 2026.9.x offers a fully tooled agent. */
const everything = ["read", "write", "edit", "apply_patch", "exec", "process", "web_search", "web_fetch", "browser", "code_execution", "memory_search", "memory_get", "cron", "sessions_spawn", "message"].map(tool);

describe("offeredTools", () => {
  it("offers only allow ∪ memoryScoped", () => {
    expect(finance.memoryScoped).toEqual(["write", "edit"]);
    const offered = offeredTools(everything, finance).map((t) => t.function.name).sort();
    expect(offered).toEqual([...finance.allow, ...finance.memoryScoped].sort());
    expect(offered).toEqual(["edit", "memory_get", "memory_search", "read", "web_fetch", "web_search", "write"]);
    expect(offered).not.toContain("exec");
    expect(offered).not.toContain("cron");
  });

  it("offers the shell to a position that has it", () => {
    const offered = offeredTools(everything, engineer).map((t) => t.function.name);
    expect(offered).toContain("exec");
    expect(offered).toContain("apply_patch");
    expect(offered).not.toContain("sessions_spawn");
    expect(engineer.memoryScoped).toEqual([]);
  });

  it("offers nothing under an empty policy and copes with no tools", () => {
    expect(offeredTools(everything, { capabilities: [], allow: [], memoryScoped: [] })).toEqual([]);
    expect(offeredTools(undefined, finance)).toEqual([]);
  });

  it("keeps the tool definitions unchanged", () => {
    const read = { type: "function" as const, function: { name: "read", description: "Read files", parameters: { type: "object", required: ["path"] } } };
    expect(offeredTools([read, tool("exec")], finance)).toEqual([read]);
  });
});

describe("judgeToolCall", () => {
  it("allows allowlisted tools with their arguments", () => {
    const verdict = judgeToolCall(call("read", { path: "knowledge/kb-org-directory/directory.md" }), finance);
    expect(verdict).toEqual({ allowed: true, args: { path: "knowledge/kb-org-directory/directory.md" } });
    expect(judgeToolCall(call("exec", { command: "git status" }), engineer).allowed).toBe(true);
    expect(judgeToolCall(call("write", { path: "src/app.ts", content: "x" }), engineer).allowed).toBe(true);
  });

  it("denies tools outside the allowlist, with a reason", () => {
    const verdict = judgeToolCall(call("exec", { command: "git status" }), finance);
    expect(verdict.allowed).toBe(false);
    expect(verdict.args).toEqual({ command: "git status" });
    if (!verdict.allowed) expect(verdict.reason).toMatch(/exec is not permitted/);
    expect(judgeToolCall(call("process", {}), finance).allowed).toBe(false);
    expect(judgeToolCall(call("cron", { action: "add" }), engineer).allowed).toBe(false);
    expect(judgeToolCall(call("", {}), finance).allowed).toBe(false);
  });

  it("allows memory-scoped write/edit on memory files only", () => {
    for (const path of ["MEMORY.md", "./MEMORY.md", "memory/x.md", "memory/2026-11-21.md", "USER.md", "HEARTBEAT.md"]) {
      expect(judgeToolCall(call("write", { path, content: "- note\n" }), finance).allowed, path).toBe(true);
    }
    expect(judgeToolCall(call("edit", { path: "MEMORY.md", edits: [{ oldText: "a", newText: "b" }] }), finance).allowed).toBe(true);
    expect(judgeToolCall(call("write", { file_path: "memory/x.md", content: "" }), finance).allowed).toBe(true);
  });

  it("denies memory-scoped tools anywhere else", () => {
    for (const path of ["SOUL.md", "AGENTS.md", "../x", "../MEMORY.md", "memory/../SOUL.md", "/etc/passwd", "memory/sub/x.md", "knowledge/kb-finance/q3.md"]) {
      const verdict = judgeToolCall(call("write", { path, content: "pwned" }), finance);
      expect(verdict.allowed, path).toBe(false);
      if (!verdict.allowed) expect(verdict.reason).toMatch(/limited to memory files/);
    }
    expect(judgeToolCall(call("edit", { path: "SOUL.md", edits: [] }), finance).allowed).toBe(false);
    // No path at all, or a non-string one.
    expect(judgeToolCall(call("write", { content: "x" }), finance).allowed).toBe(false);
    expect(judgeToolCall(call("write", { path: 42 }), finance).allowed).toBe(false);
  });

  it("judges by the argument OpenClaw executes (path) when aliases disagree", () => {
    expect(judgeToolCall(call("write", { path: "SOUL.md", file_path: "MEMORY.md", content: "x" }), finance).allowed).toBe(false);
  });

  it("denies calls whose arguments are not valid JSON", () => {
    const verdict = judgeToolCall(call("read", "{not json"), finance);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toMatch(/not valid JSON/);
  });

  it("treats empty or non-object arguments as no arguments", () => {
    expect(judgeToolCall(call("memory_search", ""), finance)).toEqual({ allowed: true, args: {} });
    expect(judgeToolCall(call("memory_search", "[1,2]"), finance)).toEqual({ allowed: true, args: {} });
    expect(judgeToolCall(call("write", "[\"MEMORY.md\"]"), finance).allowed).toBe(false);
  });
});

describe("summariseArgs", () => {
  it("drops contents and keeps short scalars", () => {
    const summary = summariseArgs({
      path: "MEMORY.md",
      content: "secret memory text",
      text: "t",
      new_string: "n",
      old_string: "o",
      patch: "*** Begin Patch",
      input: "stdin",
      edits: [{ oldText: "a", newText: "b" }],
      timeout: 30,
      background: false,
      nested: { a: 1 },
    });
    expect(summary).toEqual({ path: "MEMORY.md", timeout: 30, background: false });
  });

  it("truncates long strings to 200 characters", () => {
    const summary = summariseArgs({ command: "x".repeat(500) });
    expect(summary.command).toBe(`${"x".repeat(200)}…`);
  });
});

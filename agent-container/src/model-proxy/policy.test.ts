import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sessionToolPolicy, toolPolicyFor } from "@clawgate/contracts";
import { judgeToolCall, offeredTools, summariseArgs, type SessionToolPolicy } from "./policy.ts";
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
const everything = ["read", "write", "edit", "apply_patch", "exec", "process", "web_search", "web_fetch", "browser", "code_execution", "memory_search", "memory_get", "automations", "gateway", "sessions_spawn", "message"].map(tool);

describe("offeredTools", () => {
  it("offers only allow ∪ memoryScoped", () => {
    expect(finance.memoryScoped).toEqual(["write", "edit"]);
    const offered = offeredTools(everything, finance).map((t) => t.function.name).sort();
    expect(offered).toEqual([...finance.allow, ...finance.memoryScoped].sort());
    expect(offered).toEqual(["automations", "edit", "memory_get", "memory_search", "read", "web_fetch", "web_search", "write"]);
    expect(offered).not.toContain("exec");
    expect(offered).not.toContain("gateway");
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
    // Only the name the gateway offered is granted, not OpenClaw's legacy alias for it.
    expect(judgeToolCall(call("cron", { action: "add" }), engineer).allowed).toBe(false);
    expect(judgeToolCall(call("automations", { action: "add" }), finance).allowed).toBe(true);
    expect(judgeToolCall(call("gateway", { action: "restart" }), engineer).allowed).toBe(false);
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

describe("judgeToolCall inside a session workspace", () => {
  let root: string;
  let workspace: string;
  let other: string;
  let financeHere: SessionToolPolicy;
  let engineerHere: SessionToolPolicy;
  const allowed = (policy: SessionToolPolicy, name: string, args: Record<string, unknown>) => judgeToolCall(call(name, args), policy).allowed;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "clawgate-policy-"));
    workspace = join(root, "sessions/s1/workspace");
    other = join(root, "sessions/s2/workspace");
    await mkdir(join(workspace, "memory"), { recursive: true });
    await mkdir(join(workspace, "knowledge/kb-finance"), { recursive: true });
    await mkdir(other, { recursive: true });
    await writeFile(join(workspace, "MEMORY.md"), "# MEMORY\n");
    await writeFile(join(workspace, "SOUL.md"), "# SOUL\n");
    await writeFile(join(other, "MEMORY.md"), "# someone else's memory\n");
    await mkdir(join(root, "openclaw-state"), { recursive: true });
    await writeFile(join(root, "openclaw-state/openclaw.json"), "{}");
    // Links the agent (or a previous turn's exec) could have planted in its own workspace.
    await symlink(join(other, "MEMORY.md"), join(workspace, "memory/stolen.md"));
    await symlink(join(workspace, "SOUL.md"), join(workspace, "memory/soul.md"));
    await symlink(join(root, "openclaw-state"), join(workspace, "knowledge/state"));
    await symlink(other, join(workspace, "memory/elsewhere"));
    financeHere = { ...finance, workspace };
    engineerHere = { ...engineer, workspace };
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("accepts memory writes by absolute path when they resolve to this workspace's memory files", () => {
    for (const path of [join(workspace, "MEMORY.md"), join(workspace, "memory/2026-11-21.md"), join(workspace, "memory/../USER.md"), `${workspace}//memory/./x.md`]) {
      expect(allowed(financeHere, "write", { path, content: "- note\n" }), path).toBe(true);
    }
    expect(allowed(financeHere, "write", { path: "memory/new-note.md", content: "" })).toBe(true);
  });

  it("refuses memory writes that escape the workspace or land on a non-memory file", () => {
    for (const path of [
      join(other, "MEMORY.md"),
      join(workspace, "../../s2/workspace/MEMORY.md"),
      "../s2/workspace/MEMORY.md",
      join(workspace, "SOUL.md"),
      join(workspace, "memory/../SOUL.md"),
      "~/MEMORY.md",
      "/etc/passwd",
    ]) {
      const verdict = judgeToolCall(call("write", { path, content: "pwned" }), financeHere);
      expect(verdict.allowed, path).toBe(false);
      if (!verdict.allowed) expect(verdict.reason).toMatch(/limited to memory files/);
    }
  });

  it("follows symlinks: a memory file linked elsewhere is judged by where it points", () => {
    expect(allowed(financeHere, "write", { path: "memory/stolen.md", content: "x" })).toBe(false);
    expect(allowed(financeHere, "edit", { path: "memory/soul.md", edits: [] })).toBe(false);
    expect(allowed(financeHere, "write", { path: "memory/elsewhere/MEMORY.md", content: "x" })).toBe(false);
    expect(allowed(financeHere, "write", { path: "memory/elsewhere/new.md", content: "x" })).toBe(false);
  });

  it("confines read to the workspace, with or without the file capability", () => {
    const noFile: SessionToolPolicy = { ...toolPolicyFor(["web_search"]), workspace };
    for (const policy of [financeHere, noFile]) {
      expect(allowed(policy, "read", { path: "skills/excel-gen/SKILL.md" })).toBe(true);
      expect(allowed(policy, "read", { path: join(workspace, "knowledge/kb-finance/q3.md") })).toBe(true);
      for (const path of [join(root, "openclaw-state/openclaw.json"), "../../../openclaw-state/openclaw.json", join(other, "MEMORY.md"), "knowledge/state/openclaw.json", "/etc/passwd", "~/.ssh/id_rsa"]) {
        const verdict = judgeToolCall(call("read", { path }), policy);
        expect(verdict.allowed, path).toBe(false);
        if (!verdict.allowed) expect(verdict.reason).toMatch(/limited to this session's workspace/);
      }
    }
  });

  it("confines full file_write to the workspace too", () => {
    expect(allowed(engineerHere, "write", { path: "src/app.ts", content: "x" })).toBe(true);
    expect(allowed(engineerHere, "write", { path: join(other, "SOUL.md"), content: "x" })).toBe(false);
    expect(allowed(engineerHere, "edit", { path: "memory/elsewhere/MEMORY.md", edits: [] })).toBe(false);
  });

  it("keeps exec's working directory inside the workspace", () => {
    expect(allowed(engineerHere, "exec", { command: "ls" })).toBe(true);
    expect(allowed(engineerHere, "exec", { command: "ls", workdir: "knowledge" })).toBe(true);
    expect(allowed(engineerHere, "exec", { command: "ls", workdir: other })).toBe(false);
    expect(allowed(engineerHere, "exec", { command: "ls", workdir: "/" })).toBe(false);
    expect(allowed(engineerHere, "exec", { command: "ls", workdir: 7 })).toBe(false);
  });

  it("gives a twin nothing but reads inside its workspace", () => {
    const twin: SessionToolPolicy = { ...sessionToolPolicy("twin", engineer), workspace };
    expect(allowed(twin, "read", { path: "MEMORY.md" })).toBe(true);
    expect(allowed(twin, "memory_search", { query: "badge" })).toBe(true);
    for (const name of ["exec", "process", "write", "edit", "apply_patch", "web_search", "web_fetch", "browser", "code_execution"]) {
      expect(allowed(twin, name, { path: "MEMORY.md", command: "id", url: "https://example.com" }), name).toBe(false);
    }
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

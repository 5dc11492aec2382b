import { describe, expect, it } from "vitest";
import { planFixture } from "../../testing/fixtures.ts";
import { renderWorkspace } from "../../workspace/render.ts";
import type { ChatCompletionChunk, ChatCompletionRequest, ChatMessage, ToolDefinition } from "../types.ts";
import { OFFLINE_MODEL, OfflineBackend } from "./offline-backend.ts";

const WORKSPACE = "/var/lib/clawgate/sessions/s0c173bd24f9990f64d4d/workspace";
const MEMORY = "# MEMORY\n\nDurable notes this agent keeps for its employee.\n- likes green tea\n";

/**
 * The system prompt as OpenClaw 2026.9.x builds it (captured from a real gateway run): its own
 * preamble, then each injected workspace file under `## <absolute path>`, then its own sections.
 */
function systemPromptFor(files: ReadonlyMap<string, string>): string {
  const injected = ["AGENTS.md", "SOUL.md", "IDENTITY.md", "USER.md", "MEMORY.md"]
    .map((name) => `## ${WORKSPACE}/${name}\n${files.get(name) ?? "[MISSING] Expected at: " + name}`)
    .join("");
  return [
    "<!-- openclaw:attempt:STABLE -->",
    "You are a personal assistant running inside OpenClaw.",
    "## Tooling",
    "Tools policy-filtered. Names case-sensitive; call exact.",
    "- read: Read files",
    "- write: Write files",
    "## Project Context",
    "SOUL.md: persona/tone. Follow it unless higher-priority instructions override.",
    "MEMORY.md: durable non-profile facts and decisions; use when relevant unless higher-priority instructions override.",
    injected.trimEnd(),
    "## Silent Replies",
    "Nothing to say: entire reply exactly NO_REPLY",
    "<!-- /openclaw:attempt:STABLE -->",
    "<!-- openclaw:attempt:DYNAMIC -->",
    "## Temporal Context",
    "Current date: 2026-11-21",
    "## Runtime",
    "Runtime: agent=s0c173bd24f9990f64d4d | session=agent:s0c173bd24f9990f64d4d:clawgate | model=clawgate/s0c173bd24f9990f64d4d",
    "<!-- /openclaw:attempt:DYNAMIC -->",
  ].join("\n");
}

const fixture = planFixture({ memory: { "MEMORY.md": MEMORY } });
const carolSystem = systemPromptFor(renderWorkspace(fixture.plan, new Map(Object.entries(fixture.blobs))));

const tool = (name: string): ToolDefinition => ({ type: "function", function: { name, description: name, parameters: { type: "object" } } });
const FINANCE_TOOLS = ["edit", "memory_get", "memory_search", "read", "web_fetch", "web_search", "write"].map(tool);
const ENGINEER_TOOLS = [...FINANCE_TOOLS, tool("exec"), tool("process")];

const user = (text: string): ChatMessage => ({ role: "user", content: `[Sat 2026-11-21 14:08 UTC] ${text}` });

function request(messages: ChatMessage[], tools: ToolDefinition[] = FINANCE_TOOLS, system = carolSystem): ChatCompletionRequest {
  return {
    model: "s0c173bd24f9990f64d4d",
    messages: [{ role: "system", content: system }, ...messages],
    tools,
    tool_choice: "auto",
    stream: true,
    max_completion_tokens: 4096,
  };
}

async function run(req: ChatCompletionRequest): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of new OfflineBackend().stream(req)) chunks.push(chunk);
  return chunks;
}

const textOf = (chunks: ChatCompletionChunk[]) => chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
const toolChunks = (chunks: ChatCompletionChunk[]) => chunks.filter((c) => c.choices[0]?.delta.tool_calls?.length);
const finishOf = (chunks: ChatCompletionChunk[]) => chunks.at(-1)?.choices[0]?.finish_reason;

/** Every stream ends with one usage-bearing chunk that carries the finish reason. */
function expectUsageAtEnd(chunks: ChatCompletionChunk[]): void {
  expect(chunks.length).toBeGreaterThan(0);
  const last = chunks.at(-1)!;
  expect(last.usage).toBeDefined();
  expect(last.usage!.prompt_tokens).toBeGreaterThan(0);
  expect(last.usage!.completion_tokens).toBeGreaterThan(0);
  expect(last.usage!.total_tokens).toBe(last.usage!.prompt_tokens + last.usage!.completion_tokens);
  expect(chunks.slice(0, -1).every((c) => c.usage === undefined)).toBe(true);
  for (const c of chunks) {
    expect(c.object).toBe("chat.completion.chunk");
    expect(c.model).toBe(OFFLINE_MODEL);
  }
}

/** The assistant turn OpenClaw records after a tool call, followed by the tool's result. */
function afterCall(chunks: ChatCompletionChunk[], output: string): ChatMessage[] {
  const part = toolChunks(chunks)[0]!.choices[0]!.delta.tool_calls![0]!;
  const call = { id: part.id!, type: "function" as const, function: { name: part.function.name!, arguments: part.function.arguments! } };
  return [
    { role: "assistant", content: null, tool_calls: [call] },
    { role: "tool", tool_call_id: call.id, content: output },
  ];
}

describe("OfflineBackend", () => {
  it("answers who it is from the IDENTITY line OpenClaw injected", async () => {
    const chunks = await run(request([user("who are you?")]));
    const text = textOf(chunks);
    expect(text).toContain("Carol Zhang");
    expect(text).toContain("Finance Analyst");
    expect(text).toContain("EMP-016");
    expect(text).toContain("ACME Corp");
    expect(toolChunks(chunks)).toEqual([]);
    expect(finishOf(chunks)).toBe("stop");
    expectUsageAtEnd(chunks);
  });

  it("says it has no identity when the system prompt has none", async () => {
    const chunks = await run(request([user("who are you?")], FINANCE_TOOLS, "You are a personal assistant running inside OpenClaw."));
    expect(textOf(chunks)).toMatch(/no identity configured/);
    expectUsageAtEnd(chunks);
  });

  it("calls exec once when asked to run a command and exec is offered", async () => {
    const chunks = await run(request([user("run git status")], ENGINEER_TOOLS));
    const calls = toolChunks(chunks);
    expect(calls).toHaveLength(1);
    const parts = calls[0]!.choices[0]!.delta.tool_calls!;
    expect(parts).toHaveLength(1);
    expect(parts[0]!.index).toBe(0);
    expect(parts[0]!.id).toBeTruthy();
    expect(parts[0]!.function.name).toBe("exec");
    expect(JSON.parse(parts[0]!.function.arguments!)).toEqual({ command: "git status" });
    expect(textOf(chunks)).toBe("");
    expect(finishOf(chunks)).toBe("tool_calls");
    expectUsageAtEnd(chunks);
  });

  it("refuses, without a tool call, when exec is not offered", async () => {
    const chunks = await run(request([user("run git status")], FINANCE_TOOLS));
    expect(toolChunks(chunks)).toEqual([]);
    const text = textOf(chunks);
    expect(text).toMatch(/permission/);
    expect(text).toContain("git status");
    expect(text).toContain("Finance Analyst");
    expect(finishOf(chunks)).toBe("stop");
    expectUsageAtEnd(chunks);
  });

  it("quotes the command output after the tool result comes back", async () => {
    const first = await run(request([user("run git status")], ENGINEER_TOOLS));
    const output = "On branch main\nnothing to commit, working tree clean";
    const chunks = await run(request([user("run git status"), ...afterCall(first, output)], ENGINEER_TOOLS));
    const text = textOf(chunks);
    expect(text).toContain("git status");
    expect(text).toContain("On branch main");
    expect(text).toContain("nothing to commit, working tree clean");
    expect(toolChunks(chunks)).toEqual([]);
    expect(finishOf(chunks)).toBe("stop");
    expectUsageAtEnd(chunks);
  });

  it("remembers by writing MEMORY.md: the injected content plus the new fact", async () => {
    const chunks = await run(request([user("remember that my badge number is 4242")]));
    const calls = toolChunks(chunks);
    expect(calls).toHaveLength(1);
    const part = calls[0]!.choices[0]!.delta.tool_calls![0]!;
    expect(part.function.name).toBe("write");
    const args = JSON.parse(part.function.arguments!) as { path: string; content: string };
    expect(args.path).toBe("MEMORY.md");
    expect(args.content).toBe(`${MEMORY.trim()}\n- my badge number is 4242\n`);
    expect(finishOf(chunks)).toBe("tool_calls");
    expectUsageAtEnd(chunks);

    const done = await run(request([user("remember that my badge number is 4242"), ...afterCall(chunks, "Successfully wrote 93 bytes to MEMORY.md")]));
    expect(textOf(done)).toContain("my badge number is 4242");
    expectUsageAtEnd(done);
  });

  it("says it cannot remember when no write tool is offered", async () => {
    const chunks = await run(request([user("remember that my badge number is 4242")], [tool("read")]));
    expect(toolChunks(chunks)).toEqual([]);
    expect(textOf(chunks)).toMatch(/no permission/);
    expectUsageAtEnd(chunks);
  });

  it("recalls the notes of the injected MEMORY.md", async () => {
    const chunks = await run(request([user("what do you remember?")]));
    expect(textOf(chunks)).toContain("- likes green tea");
    expectUsageAtEnd(chunks);
  });

  it("answers who to contact by reading the org directory from the AGENTS knowledge index", async () => {
    const question = "who should I contact for a code review?";
    const chunks = await run(request([user(question)]));
    const calls = toolChunks(chunks);
    expect(calls).toHaveLength(1);
    const part = calls[0]!.choices[0]!.delta.tool_calls![0]!;
    expect(part.function.name).toBe("read");
    const path = fixture.plan.knowledge.find((k) => k.kbId === "kb-org-directory")!.path;
    expect(JSON.parse(part.function.arguments!)).toEqual({ path });
    expect(finishOf(chunks)).toBe("tool_calls");
    expectUsageAtEnd(chunks);

    const directory = fixture.blobs[fixture.plan.knowledge.find((k) => k.kbId === "kb-org-directory")!.sha256]!;
    const answer = await run(request([user(question), ...afterCall(chunks, directory)]));
    const text = textOf(answer);
    expect(text).toContain("Ryan Park");
    expect(text).not.toContain("Carol Zhang");
    expect(toolChunks(answer)).toEqual([]);
    expect(finishOf(answer)).toBe("stop");
    expectUsageAtEnd(answer);
  });

  it("gives a labelled short answer naming the persona otherwise", async () => {
    const chunks = await run(request([user("how is the weather?")]));
    const text = textOf(chunks);
    expect(text).toContain("Carol Zhang's agent");
    expect(text).toMatch(/offline model/);
    expectUsageAtEnd(chunks);
  });

  it("is deterministic", async () => {
    const a = textOf(await run(request([user("who are you?")])));
    const b = textOf(await run(request([user("who are you?")])));
    expect(a).toBe(b);
  });
});

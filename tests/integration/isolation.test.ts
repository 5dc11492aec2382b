import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { InvocationResult } from "@clawgate/contracts";
import { invocationFixture, type FixtureOptions } from "../../agent-container/src/testing/fixtures.ts";
import { agentIdFor } from "../../agent-container/src/session/turn-runner.ts";
import { CAROL, cleanUp, Container, newDataDir, RYAN } from "./harness.ts";
import { lastToolOutput, offeredToolsOf, RecordingModel, systemPromptOf, type RecordedRequest } from "./recording-model.ts";

/**
 * One gateway, many sessions (local dev, always-on containers): two employees' turns run at the
 * same time in one container, and nothing of one reaches the other's workspace, prompt or tools.
 */

type Employee = FixtureOptions & { sessionId: string };

const carol: Employee = {
  ...CAROL,
  email: "carol@acme.example",
  soul: { personal: "CAROL-PERSONAL: tables over prose." },
  knowledge: [{ kbId: "kb-finance", name: "Financial Reports", title: "Q3 summary", file: "q3.md", text: "# Q3\nCAROL-KB revenue 12.4M" }],
  memory: { "MEMORY.md": "# MEMORY\n\n- CAROL-MEMO: budget review on Fridays\n" },
};
const ryan: Employee = {
  ...RYAN,
  email: "ryan@acme.example",
  employeeNumber: "EMP-004",
  department: { id: "dept-eng-backend", name: "Backend Team" },
  soul: { personal: "RYAN-PERSONAL: code samples over prose." },
  knowledge: [{ kbId: "kb-arch", name: "Architecture", title: "Service map", file: "services.md", text: "# Services\nRYAN-KB gateway, billing" }],
  memory: { "MEMORY.md": "# MEMORY\n\n- RYAN-MEMO: on call this week\n" },
};
const MARKS = { carol: ["Carol Zhang", "CAROL-PERSONAL", "CAROL-KB", "CAROL-MEMO", "kb-finance"], ryan: ["Ryan Park", "RYAN-PERSONAL", "RYAN-KB", "RYAN-MEMO", "kb-arch"] };

let model: RecordingModel;
let container: Container;

beforeAll(async () => {
  model = await RecordingModel.start();
  container = await Container.start(await newDataDir(), { OPENAI_BASE_URL: model.baseUrl, OPENAI_API_KEY: "fake-key", OPENAI_MODEL: "fake-recorder" });
});

afterAll(async () => {
  await cleanUp();
  await model.close();
});

const workspaceOf = (who: Employee) => join(container.dataDir, "sessions", agentIdFor(who.sessionId), "workspace");

async function turn(who: Employee, message: string, tag: string): Promise<{ result: InvocationResult; seen: RecordedRequest[] }> {
  const result = await container.turn(invocationFixture(`${message} [tag:${tag}]`, who));
  return { result, seen: model.requestsTagged(`[tag:${tag}]`) };
}

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name).slice(dir.length + 1), await readFile(join(entry.parentPath, entry.name), "utf8"));
  }
  return out;
}

describe("two employees in one container", () => {
  let turns: Record<"carol" | "ryan", { result: InvocationResult; seen: RecordedRequest[] }>;

  beforeAll(async () => {
    // Both sessions are new: their agents are registered with the gateway while the other's turn runs.
    const [c1, r1, c2, r2] = await Promise.all([
      turn(carol, "hello", "iso-carol-1"),
      turn(ryan, "hello", "iso-ryan-1"),
      turn(carol, "hello again", "iso-carol-2"),
      turn(ryan, "hello again", "iso-ryan-2"),
    ]);
    turns = { carol: c1, ryan: r1 };
    for (const t of [c1, r1, c2, r2]) expect(t.result.reply).toBe("Fake model reply.");
  });

  it("gives each session its own workspace, holding only its own identity, SOUL, knowledge and memory", async () => {
    expect(workspaceOf(carol)).not.toBe(workspaceOf(ryan));
    for (const [who, other, employee] of [["carol", "ryan", carol], ["ryan", "carol", ryan]] as const) {
      const files = await filesUnder(workspaceOf(employee));
      const all = [...files.values()].join("\n");
      for (const mark of MARKS[who]) expect(all, `${who}'s workspace holds ${mark}`).toContain(mark);
      // The company directory names everyone; every other file must not mention the other employee.
      const own = [...files].filter(([path]) => !path.startsWith("knowledge/kb-org-directory/")).map(([, text]) => text).join("\n");
      for (const mark of MARKS[other]) expect(own, `${who}'s workspace must not hold ${mark}`).not.toContain(mark);
      expect([...files.keys()].filter((p) => p.startsWith("knowledge/")).sort()).toEqual(
        [`knowledge/${who === "carol" ? "kb-finance/q3.md" : "kb-arch/services.md"}`, "knowledge/kb-org-directory/directory.md"].sort(),
      );
    }
  });

  it("shows each employee's model only that employee's prompt", () => {
    for (const [who, other] of [["carol", "ryan"], ["ryan", "carol"]] as const) {
      const { seen } = turns[who];
      expect(seen.length).toBeGreaterThan(0);
      for (const request of seen) {
        const system = systemPromptOf(request);
        for (const mark of [MARKS[who][0], MARKS[who][1], MARKS[who][3], MARKS[who][4]]) expect(system, `${who} sees ${mark}`).toContain(mark);
        for (const mark of MARKS[other]) expect(system, `${who} must not see ${mark}`).not.toContain(mark);
      }
    }
  });

  it("applies each session's own tool policy", async () => {
    expect(offeredToolsOf(turns.carol.seen[0]!)).not.toContain("exec");
    expect(offeredToolsOf(turns.ryan.seen[0]!)).toContain("exec");
    const config = JSON.parse(await readFile(join(container.dataDir, "openclaw-state/openclaw.json"), "utf8")) as {
      agents: { entries: Record<string, { workspace: string; cwd: string; tools: { allow: string[] } }> };
    };
    const carolAgent = config.agents.entries[agentIdFor(carol.sessionId)]!;
    const ryanAgent = config.agents.entries[agentIdFor(ryan.sessionId)]!;
    expect(carolAgent.workspace).toBe(workspaceOf(carol));
    expect(ryanAgent.cwd).toBe(workspaceOf(ryan));
    expect(carolAgent.tools.allow).not.toContain("exec");
    expect(ryanAgent.tools.allow).toContain("exec");
  });

  it("keeps one session's file tools out of the other's workspace", async () => {
    const { result } = await turn(ryan, `CALL read {"path":"${workspaceOf(carol)}/MEMORY.md"}`, "iso-ryan-reads-carol");
    expect(result.toolEvents).toEqual([expect.objectContaining({ tool: "read", allowed: false })]);
    expect(result.reply).not.toContain("CAROL-MEMO");

    const write = await turn(ryan, `CALL write {"path":"../../${agentIdFor(carol.sessionId)}/workspace/MEMORY.md","content":"pwned"}`, "iso-ryan-writes-carol");
    expect(write.result.toolEvents).toEqual([expect.objectContaining({ tool: "write", allowed: false })]);
    expect(await readFile(join(workspaceOf(carol), "MEMORY.md"), "utf8")).toContain("CAROL-MEMO");
  });

  it("starts exec in the session's own workspace", async () => {
    const { result, seen } = await turn(ryan, `CALL exec {"command":"pwd"}`, "iso-ryan-pwd");
    expect(result.toolEvents).toEqual([expect.objectContaining({ tool: "exec", allowed: true })]);
    expect(lastToolOutput(seen.at(-1)!)).toContain(workspaceOf(ryan));
  });

  it("searches only the session's own memory", async () => {
    const own = await turn(ryan, `CALL memory_search {"query":"RYAN-MEMO on call"}`, "iso-ryan-search-own");
    expect(own.result.toolEvents).toEqual([expect.objectContaining({ tool: "memory_search", allowed: true })]);
    expect(lastToolOutput(own.seen.at(-1)!)).toContain("RYAN-MEMO");

    const other = await turn(ryan, `CALL memory_search {"query":"CAROL-MEMO budget review"}`, "iso-ryan-search-carol");
    expect(other.result.toolEvents).toEqual([expect.objectContaining({ tool: "memory_search", allowed: true })]);
    expect(lastToolOutput(other.seen.at(-1)!)).not.toContain("CAROL-MEMO");
  });
});

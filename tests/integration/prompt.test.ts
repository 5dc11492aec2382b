import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AccessPath, sessionToolPolicy, toolPolicyFor, TWIN_TOOLS, type InvocationResult } from "@clawgate/contracts";
import { fixtureSessionContext, invocationFixture, type FixtureOptions } from "../../agent-container/src/testing/fixtures.ts";
import { agentIdFor } from "../../agent-container/src/session/turn-runner.ts";
import { CAROL, cleanUp, Container, newDataDir, RYAN } from "./harness.ts";
import { lastToolOutput, offeredToolsOf, RecordingModel, systemPromptOf, type RecordedRequest } from "./recording-model.ts";

/**
 * What reaches the model: the real container and OpenClaw in front of a recording fake model, so
 * every assertion is about the request the model actually received, not about files on disk.
 */

const ALL_CAPABILITIES = ["web_search", "shell", "browser", "file", "file_write", "code_execution"];
const SOUL = { global: "GLOBAL-LAYER: be honest, protect company data.", position: "POSITION-LAYER: precise with numbers.", personal: "PERSONAL-LAYER: short answers." };

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

const sessionFor = (employeeId: string, path: string, label: string) => `${employeeId}--${path}--${label}`.padEnd(40, "0");

/** Runs a turn whose message carries `tag`, and returns it with the model calls it made. */
async function turn(message: string, tag: string, options: FixtureOptions & { sessionId: string }): Promise<{ result: InvocationResult; seen: RecordedRequest[] }> {
  const result = await container.turn(invocationFixture(`${message} [tag:${tag}]`, options));
  const seen = model.requestsTagged(`[tag:${tag}]`);
  expect(seen.length, `the model was called for ${tag}`).toBeGreaterThan(0);
  return { result, seen };
}

const workspaceOf = (sessionId: string) => join(container.dataDir, "sessions", agentIdFor(sessionId), "workspace");

describe("the system prompt, for every access path", () => {
  for (const path of AccessPath.options) {
    it(`${path}: SOUL layers in order, its own session context, the knowledge index and only allowed tools`, async () => {
      const options = { ...RYAN, capabilities: ALL_CAPABILITIES, soul: SOUL, accessPath: path, sessionId: sessionFor("emp-ryan", path, "prompt") };
      const { plan } = invocationFixture("", options);
      const { result, seen } = await turn("hello", `prompt-${path}`, options);
      expect(result.reply).toBe("Fake model reply.");
      const system = systemPromptOf(seen[0]!);

      const global = system.indexOf(SOUL.global);
      const position = system.indexOf(SOUL.position);
      const personal = system.indexOf(SOUL.personal);
      expect(global).toBeGreaterThan(-1);
      expect(position).toBeGreaterThan(global);
      expect(personal).toBeGreaterThan(position);
      expect(system.split(SOUL.global)).toHaveLength(2);
      expect(system.slice(system.lastIndexOf("<!-- clawgate:layer global locked begin -->", global), global)).toContain("(locked)");

      expect(system).toContain(plan.sessionContext);
      for (const other of AccessPath.options.filter((p) => p !== path)) expect(system).not.toContain(fixtureSessionContext(other, "Ryan Park"));

      for (const doc of plan.knowledge) expect(system).toContain(`${doc.title}: \`${doc.path}\``);
      expect(system).toContain("**Works for:** Ryan Park (EMP-016), Software Engineer");
      expect(system).toMatch(/preferred language \(en\)/);

      // Skills: the plan's, loadable from the workspace; none of OpenClaw's bundled ones.
      expect(system).toContain(`${workspaceOf(options.sessionId)}/skills/excel-gen/SKILL.md`);
      expect(system).not.toContain("<name>clawhub</name>");

      const policy = sessionToolPolicy(path, toolPolicyFor(ALL_CAPABILITIES));
      const granted = [...policy.allow, ...policy.memoryScoped];
      for (const request of seen) for (const tool of offeredToolsOf(request)) expect(granted, `${path} offered ${tool}`).toContain(tool);
      const offered = offeredToolsOf(seen[0]!);
      expect(offered).toContain("read");
      if (path === "twin") {
        expect(offered.every((tool) => TWIN_TOOLS.includes(tool))).toBe(true);
        expect(system).toContain("digital-twin session");
      } else {
        expect(offered).toEqual(expect.arrayContaining(["exec", "write", "web_search"]));
      }
    });
  }
});

describe("tool policy, enforced by OpenClaw and again by the model proxy", () => {
  it("a finance analyst's exec is refused and nothing runs (an engineer's identical call does run)", async () => {
    const carolMarker = join(container.dataDir, "carol-ran-exec");
    const carol = { ...CAROL, sessionId: sessionFor("emp-carol", "employee", "adversarial") };
    const { result, seen } = await turn(`CALL exec {"command":"touch ${carolMarker}"}`, "adv-carol-exec", carol);
    expect(result.toolEvents).toContainEqual(expect.objectContaining({ tool: "exec", allowed: false, args: { command: `touch ${carolMarker}` } }));
    expect(result.toolEvents.filter((e) => e.allowed)).toEqual([]);
    expect(result.reply).toContain("Nothing was run");
    expect(seen).toHaveLength(1);
    expect(offeredToolsOf(seen[0]!)).not.toContain("exec");
    expect(existsSync(carolMarker)).toBe(false);

    // The control: the same adversarial call from a position with the shell really executes.
    const ryanMarker = join(container.dataDir, "ryan-ran-exec");
    const ryan = { ...RYAN, sessionId: sessionFor("emp-ryan", "employee", "adversarial") };
    const ran = await turn(`CALL exec {"command":"touch ${ryanMarker}"}`, "adv-ryan-exec", ryan);
    expect(ran.result.toolEvents).toContainEqual(expect.objectContaining({ tool: "exec", allowed: true }));
    expect(existsSync(ryanMarker)).toBe(true);
  });

  it("refuses apply_patch for a position without file_write", async () => {
    const carol = { ...CAROL, sessionId: sessionFor("emp-carol", "employee", "adversarial") };
    const patch = JSON.stringify({ input: "*** Begin Patch\n*** Add File: pwned.md\n+pwned\n*** End Patch" });
    const { result } = await turn(`CALL apply_patch ${patch}`, "adv-carol-patch", carol);
    expect(result.toolEvents).toContainEqual(expect.objectContaining({ tool: "apply_patch", allowed: false }));
    expect(existsSync(join(workspaceOf(carol.sessionId), "pwned.md"))).toBe(false);
  });

  it("keeps read inside the session workspace: OpenClaw's config and state are out of reach", async () => {
    const carol = { ...CAROL, sessionId: sessionFor("emp-carol", "employee", "adversarial") };
    const config = join(container.dataDir, "openclaw-state/openclaw.json");
    for (const [tag, path] of [
      ["adv-read-abs", config],
      ["adv-read-rel", "../../../openclaw-state/openclaw.json"],
      ["adv-read-etc", "/etc/hostname"],
    ] as const) {
      const { result } = await turn(`CALL read {"path":"${path}"}`, tag, carol);
      expect(result.toolEvents, path).toEqual([expect.objectContaining({ tool: "read", allowed: false })]);
      expect(result.reply).not.toContain("gateway");
    }
    // Reading inside the workspace works, with or without the file capability: skills must load.
    const noFile = { ...carol, capabilities: ["web_search"], sessionId: sessionFor("emp-carol", "employee", "no-file") };
    const { result, seen } = await turn(`CALL read {"path":"skills/excel-gen/SKILL.md"}`, "read-skill", noFile);
    expect(result.toolEvents).toEqual([expect.objectContaining({ tool: "read", allowed: true })]);
    expect(lastToolOutput(seen.at(-1)!)).toContain("Use for xlsx.");
  });

  it("accepts a memory write by absolute path inside the workspace, and refuses one outside memory", async () => {
    const carol = { ...CAROL, sessionId: sessionFor("emp-carol", "employee", "memory") };
    // A first turn assembles the workspace, so the absolute path exists.
    await turn("hello", "mem-warm", carol);
    const workspace = workspaceOf(carol.sessionId);
    const note = "# MEMORY\\n\\n- written by absolute path\\n";
    const { result } = await turn(`CALL write {"path":"${workspace}/MEMORY.md","content":"${note}"}`, "mem-abs", carol);
    expect(result.toolEvents).toEqual([expect.objectContaining({ tool: "write", allowed: true })]);
    expect(result.memoryChanges).toEqual([expect.objectContaining({ path: "MEMORY.md", text: "# MEMORY\n\n- written by absolute path\n" })]);

    const soul = await readFile(join(workspace, "SOUL.md"), "utf8");
    const refused = await turn(`CALL write {"path":"${workspace}/memory/../SOUL.md","content":"pwned"}`, "mem-soul", carol);
    expect(refused.result.toolEvents).toEqual([expect.objectContaining({ tool: "write", allowed: false })]);
    expect(await readFile(join(workspace, "SOUL.md"), "utf8")).toBe(soul);
  });

  it("clamps a twin plan to read-only in the runtime, whatever the plan grants", async () => {
    // A plan as a compromised or buggy edge might send it: twin path, the engineer's full policy.
    const twin = { ...RYAN, accessPath: "twin" as const, tools: toolPolicyFor(ALL_CAPABILITIES), sessionId: sessionFor("emp-ryan", "twin", "unclamped") };
    const marker = join(container.dataDir, "twin-ran-exec");
    const { result, seen } = await turn(`CALL exec {"command":"touch ${marker}"}`, "twin-exec", twin);
    expect(result.toolEvents).toEqual([expect.objectContaining({ tool: "exec", allowed: false })]);
    expect(existsSync(marker)).toBe(false);
    expect(offeredToolsOf(seen[0]!).every((tool) => TWIN_TOOLS.includes(tool))).toBe(true);

    const write = await turn(`CALL write {"path":"MEMORY.md","content":"a visitor was here"}`, "twin-write", twin);
    expect(write.result.toolEvents).toEqual([expect.objectContaining({ tool: "write", allowed: false })]);
    expect(write.result.memoryChanges).toEqual([]);

    const config = JSON.parse(await readFile(join(container.dataDir, "openclaw-state/openclaw.json"), "utf8")) as {
      agents: { entries: Record<string, { tools: { allow: string[] } }> };
    };
    expect(config.agents.entries[agentIdFor(twin.sessionId)]!.tools.allow).toEqual([...TWIN_TOOLS].sort());
  });
});

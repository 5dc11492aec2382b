import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { InvocationResult, planBlobHashes, readSse, type ToolEvent } from "@clawgate/contracts";
import { signBody } from "../../agent-container/src/http/hmac.ts";
import { invocationFixture } from "../../agent-container/src/testing/fixtures.ts";
import { CAROL, cleanUp, Container, groupAlive, newDataDir, RYAN, sleep } from "./harness.ts";

/** The real agent container with a real OpenClaw gateway and the offline model. */

const isExecAllowed = (events: ToolEvent[]) => events.some((e) => e.tool === "exec" && e.allowed);

let container: Container;

beforeAll(async () => {
  container = await Container.start(await newDataDir());
});

afterAll(cleanUp);

describe("agent container (real OpenClaw, offline model)", () => {
  it("answers /ping with Healthy", async () => {
    const res = await fetch(`${container.url}/ping`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; time_of_last_update: number };
    expect(body.status).toBe("Healthy");
    expect(Number.isInteger(body.time_of_last_update)).toBe(true);
    expect(Math.abs(body.time_of_last_update - Date.now() / 1000)).toBeLessThan(600);
  });

  it("rejects an unsigned or wrongly signed invocation with 401", async () => {
    const request = invocationFixture("who are you?", CAROL);
    const unsigned = await container.invoke(request, { sign: false });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe("bad_signature");

    const body = JSON.stringify(request);
    const ts = Math.floor(Date.now() / 1000);
    const forged = await fetch(`${container.url}/invocations`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-clawgate-timestamp": String(ts), "x-clawgate-signature": signBody("not-the-secret", ts, body) },
      body,
    });
    expect(forged.status).toBe(401);
  });

  it("rejects a signed invocation with a bad plan with 400", async () => {
    const request = invocationFixture("who are you?", CAROL);
    const bad = { ...request, plan: { ...request.plan, tools: { allow: "everything" }, identity: { ...request.plan.identity, email: "nope" } } };
    const res = await container.invoke(bad);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_invocation");
    expect(body.error.message.length).toBeGreaterThan(0);

    const notJson = await container.invoke(null, { raw: "{not json" });
    expect(notJson.status).toBe(400);
  });

  it("asks for missing blobs on a fresh container, then runs the turn once they are pushed", async () => {
    const request = invocationFixture("who are you?", CAROL);
    const withoutBlobs = await container.invoke({ ...request, blobs: {} });
    expect(withoutBlobs.status).toBe(200);
    const { needBlobs } = (await withoutBlobs.json()) as { needBlobs: string[] };
    expect([...needBlobs].sort()).toEqual([...planBlobHashes(request.plan)].sort());
    expect(Object.keys(request.blobs).sort()).toEqual([...needBlobs].sort());

    const result = await container.turn(request);
    expect(result.reply).toContain("Carol Zhang");

    // Held now: the same plan without blobs runs directly.
    const again = await container.turn({ ...invocationFixture("who are you?", CAROL), blobs: {} });
    expect(again.reply).toContain("Carol Zhang");
  });

  it("emp-carol: 'who are you?' names the person and the position", async () => {
    const result = await container.turn(invocationFixture("who are you?", CAROL));
    expect(result.reply).toContain("Carol Zhang");
    expect(result.reply).toContain("Finance Analyst");
    expect(result.usage.model).toBe("clawgate-offline");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.toolEvents).toEqual([]);
    expect(result.memoryChanges).toEqual([]);
  });

  it("emp-carol: 'run git status' is refused and nothing runs", async () => {
    const result = await container.turn(invocationFixture("run git status", CAROL));
    expect(result.reply).toMatch(/permission/i);
    expect(isExecAllowed(result.toolEvents)).toBe(false);
    expect(result.toolEvents.filter((e) => e.tool === "exec")).toEqual([]);
  });

  it("emp-ryan: 'run git status' runs exec and quotes it", async () => {
    const result = await container.turn(invocationFixture("run git status", RYAN));
    expect(result.toolEvents).toContainEqual(expect.objectContaining({ tool: "exec", allowed: true }));
    expect(result.toolEvents.find((e) => e.tool === "exec")?.args).toEqual({ command: "git status" });
    expect(result.reply).toContain("git status");
    expect(result.reply).not.toMatch(/permission/i);
  });

  it("keeps sessions apart: Ryan's turn did not change Carol's agent", async () => {
    const result = await container.turn(invocationFixture("who are you?", CAROL));
    expect(result.reply).toContain("Carol Zhang");
    expect(result.reply).not.toContain("Ryan Park");
    const ryan = await container.turn(invocationFixture("who are you?", RYAN));
    expect(ryan.reply).toContain("Ryan Park");
    expect(ryan.reply).toContain("Software Engineer");
  });

  it("confines OpenClaw's file tools to the session workspace", async () => {
    const config = JSON.parse(await readFile(join(container.dataDir, "openclaw-state/openclaw.json"), "utf8")) as {
      tools: { fs?: { workspaceOnly?: boolean } };
      agents: { entries: Record<string, { tools: { allow: string[] } }> };
    };
    expect(config.tools.fs?.workspaceOnly).toBe(true);
    const allows = Object.values(config.agents.entries).map((e) => e.tools.allow);
    expect(allows.some((a) => a.includes("exec"))).toBe(true); // Ryan
    expect(allows.some((a) => !a.includes("exec") && a.includes("read"))).toBe(true); // Carol
  });

  it("streams delta events and then a result event when asked for SSE", async () => {
    const res = await container.invoke(invocationFixture("who are you?", CAROL), { accept: "text/event-stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events: Array<{ event: string; data: unknown }> = [];
    for await (const e of readSse(res.body!)) events.push({ event: e.event, data: JSON.parse(e.data) });
    const names = events.map((e) => e.event);
    expect(names.at(-1)).toBe("result");
    expect(names.filter((n) => n === "result")).toHaveLength(1);
    expect(names).not.toContain("error");
    const deltas = events.filter((e) => e.event === "delta").map((e) => (e.data as { text: string }).text);
    expect(deltas.length).toBeGreaterThan(0);
    expect(names.indexOf("delta")).toBeLessThan(names.indexOf("result"));
    const result = InvocationResult.parse(events.at(-1)!.data);
    expect(result.reply).toContain("Carol Zhang");
    expect(deltas.join("")).toBe(result.reply);
  });

  it("streams tool events for a tool-using turn", async () => {
    const res = await container.invoke(invocationFixture("run git status", RYAN), { accept: "text/event-stream" });
    const events: Array<{ event: string; data: unknown }> = [];
    for await (const e of readSse(res.body!)) events.push({ event: e.event, data: JSON.parse(e.data) });
    expect(events).toContainEqual({ event: "tool", data: expect.objectContaining({ tool: "exec", allowed: true }) });
    expect(events.at(-1)!.event).toBe("result");
  });

  it("reports /ping HealthyBusy while a turn runs", async () => {
    const turn = container.turn(invocationFixture("run sleep 2", RYAN));
    let busy = false;
    for (let i = 0; i < 40 && !busy; i++) {
      await sleep(50);
      const ping = (await (await fetch(`${container.url}/ping`)).json()) as { status: string };
      busy = ping.status === "HealthyBusy";
    }
    await turn;
    expect(busy).toBe(true);
    const after = (await (await fetch(`${container.url}/ping`)).json()) as { status: string };
    expect(after.status).toBe("Healthy");
  });

  it("memory survives a new container when the edge carries it in the plan", async () => {
    const remembered = await container.turn(invocationFixture("remember that my badge number is 4242", CAROL));
    expect(remembered.toolEvents).toContainEqual({ tool: "write", allowed: true, args: { path: "MEMORY.md" } });
    const change = remembered.memoryChanges.find((c) => c.path === "MEMORY.md");
    expect(change).toBeDefined();
    expect(change!.text).toContain("my badge number is 4242");
    expect(change!.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Stop it: SIGTERM to main.ts alone must take the OpenClaw gateway down too.
    const old = container;
    await old.stop();
    expect(old.running).toBe(false);
    expect(groupAlive(old.child.pid!)).toBe(false);
    const gatewayPortFree = await new Promise<boolean>((resolveFree) => {
      const probe = createServer();
      probe.once("error", () => resolveFree(false));
      probe.listen(old.gatewayPort, "127.0.0.1", () => probe.close(() => resolveFree(true)));
    });
    expect(gatewayPortFree).toBe(true);

    // A new container with a new data dir: it knows nothing but what the plan carries.
    container = await Container.start(await newDataDir());
    const recalled = await container.turn(invocationFixture("what do you remember?", { ...CAROL, memory: { "MEMORY.md": change!.text } }));
    expect(recalled.reply).toContain("4242");
    expect(recalled.memoryChanges).toEqual([]);

    // And a plan without that memory gets none of it.
    const fresh = await container.turn(invocationFixture("what do you remember?", CAROL));
    expect(fresh.reply).not.toContain("4242");
  });
});

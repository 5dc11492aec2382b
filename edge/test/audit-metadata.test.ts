import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_DETAIL_MAX_BYTES, AuditContentError, auditSafeArgs } from "@clawgate/contracts";
import type { TurnOutcome } from "@clawgate/durable-objects";
import { auditStatement } from "../src/audit.ts";
import { echoResult, fakeRuntime, json, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** Audit rows hold metadata, never conversation content: the guard every writer goes through. */
let runtime: FakeRuntime | undefined;

async function auditRowsOf(employeeId: string) {
  return (await testEnv.DB.prepare("SELECT type, detail FROM audit_events WHERE employee_id = ? ORDER BY id").bind(employeeId).all<{ type: string; detail: string }>()).results;
}

describe("audit details are metadata only", () => {
  beforeAll(seedAcme);
  afterEach(() => runtime?.restore());

  it("refuses a detail with a content key, at any depth, before anything is written", async () => {
    const db = testEnv.DB;
    expect(() => auditStatement(db, "soul.changed", "emp-jiade", null, { message: "hello" })).toThrow(AuditContentError);
    expect(() => auditStatement(db, "soul.changed", "emp-jiade", null, { layer: "personal", change: { Text: "the whole SOUL" } })).toThrow(/change\.Text/);
    expect(() => auditStatement(db, "agent.tool_call", "emp-jiade", null, { args: [{ ok: 1 }, { content: "file body" }] })).toThrow(/content/);
    expect(() => auditStatement(db, "config.changed", "emp-jiade", null, { area: "pricing", note: "x".repeat(AUDIT_DETAIL_MAX_BYTES) })).toThrow(/exceed/);
    // Metadata passes.
    await auditStatement(db, "soul.changed", "emp-jiade", "emp-ryan", { layer: "personal", fromVersion: 1, toVersion: 2, sha256: "ab".repeat(32) }).run();
    expect((await auditRowsOf("emp-ryan")).map((r) => r.type)).toEqual(["soul.changed"]);
  });

  it("keeps short scalar tool arguments and drops content-bearing ones", () => {
    expect(auditSafeArgs({ path: "notes/q3.md", content: "confidential numbers", old_string: "a", new_string: "b", command: "git status", limit: 5, nested: { a: 1 } })).toEqual({
      path: "notes/q3.md",
      command: "git status",
      limit: 5,
    });
    expect(auditSafeArgs({ url: "https://example.com/".padEnd(300, "x") }).url).toHaveLength(201);
  });

  it("records a turn without its message, its reply or the contents a tool call carried", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request) =>
      json(
        echoResult(request, {
          reply: "Your Q3 margin is 41 percent",
          toolEvents: [
            // A runtime that failed to summarise its tool arguments: the edge does it again.
            { tool: "write", allowed: true, args: { path: "memory/q3.md", content: "Q3 margin 41 percent, do not share" } },
            { tool: "exec", allowed: false, reason: "exec is not permitted for this position" },
          ],
        }),
      );
    const outcome = (await testEnv.EMPLOYEE_AGENT.getByName("emp-david").send({ employeeId: "emp-david", accessPath: "employee", sourceMessageId: "portal:meta-1", message: "what is our Q3 margin?" })) as TurnOutcome;
    expect(outcome.ok).toBe(true);

    const rows = await auditRowsOf("emp-david");
    expect(rows.map((r) => r.type)).toEqual(["agent.invocation", "agent.tool_call", "agent.tool_denied"]);
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ tool: "write", args: { path: "memory/q3.md" } });
    const everything = JSON.stringify(rows);
    for (const content of ["Q3 margin", "41 percent", "what is our"]) expect(everything).not.toContain(content);
  });
});

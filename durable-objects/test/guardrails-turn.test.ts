import type { ChatResult } from "@clawgate/contracts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TurnOutcome } from "../src/index.ts";
import { standardInputGuardrail, standardOutputGuardrail } from "../../edge/src/seed/acme/guardrails.ts";
import { RUNTIME_URL, seedAcme, testEnv } from "../../edge/test/seeded.ts";
import { echoResult, fakeRuntime, json, sse, type FakeRuntime } from "./fake-runtime.ts";
import { bedrockJson, fakeBedrockGuardrail, intervened, type FakeBedrockGuardrail } from "./guardrails-fake-bedrock.ts";

/**
 * Guardrails in the turn path over the seeded ACME org: the standard runtime has the built-in
 * input and output guardrails, the executive runtime (Peter) has none. Bedrock guardrails are
 * exercised on runtimes made per test, with ApplyGuardrail faked at the fetch boundary.
 */
let runtime: FakeRuntime;
let bedrock: FakeBedrockGuardrail | undefined;
const db = () => testEnv.DB;
const credentials = testEnv as unknown as Record<string, string | undefined>;
const agent = (employeeId: string) => testEnv.EMPLOYEE_AGENT.getByName(employeeId);

async function ask(employeeId: string, message: string): Promise<ChatResult> {
  const outcome = (await agent(employeeId).send({ employeeId, accessPath: "employee", sourceMessageId: crypto.randomUUID(), message })) as TurnOutcome;
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.result;
}

const auditOf = async (employeeId: string, prefix = "guardrail.") =>
  (
    await db()
      .prepare("SELECT type, detail FROM audit_events WHERE employee_id = ? AND type LIKE ? ORDER BY id")
      .bind(employeeId, `${prefix}%`)
      .all<{ type: string; detail: string }>()
  ).results.map((r) => ({ type: r.type, detail: JSON.parse(r.detail) as Record<string, unknown> }));

const usageOf = async (turnId: string) => (await db().prepare("SELECT COUNT(*) AS n FROM usage WHERE turn_id = ?").bind(turnId).first<{ n: number }>())!.n;

/** A Bedrock guardrail on a fresh HTTP runtime (at the fake runtime's address) that `employeeId` is routed to. */
async function bedrockRuntimeFor(employeeId: string, options: { strict: boolean; as: "input" | "output" }) {
  const suffix = crypto.randomUUID().slice(0, 8);
  const guardrailId = `gr-bedrock-${suffix}`;
  const runtimeId = `rt-bedrock-${suffix}`;
  const now = new Date().toISOString();
  await db().batch([
    db()
      .prepare(
        `INSERT INTO guardrails (id, name, kind, bedrock_guardrail_id, bedrock_version, bedrock_region, blocked_input_message, blocked_output_message, created_at, updated_at, updated_by)
         VALUES (?, ?, 'bedrock', 'k7xq2m9w1z', '4', 'us-west-2', 'Blocked by Bedrock (input).', 'Blocked by Bedrock (output).', ?, ?, 'test')`,
      )
      .bind(guardrailId, `Bedrock ${suffix}`, now, now),
    db()
      .prepare(`INSERT INTO runtimes (id, name, kind, endpoint, ${options.as}_guardrail_id, guardrail_strict, created_at) VALUES (?, ?, 'http', ?, ?, ?, ?)`)
      .bind(runtimeId, `Bedrock ${suffix}`, RUNTIME_URL, guardrailId, options.strict ? 1 : 0, now),
    db().prepare("UPDATE employees SET runtime_id = ? WHERE id = ?").bind(runtimeId, employeeId),
  ]);
  return { guardrailId, runtimeId };
}

describe("guardrails in the turn path", () => {
  beforeAll(async () => {
    await seedAcme();
    credentials.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
    credentials.AWS_SECRET_ACCESS_KEY = "test-secret";
  });
  afterEach(() => {
    bedrock?.restore();
    bedrock = undefined;
    runtime?.restore();
  });
  afterAll(() => {
    delete credentials.AWS_ACCESS_KEY_ID;
    delete credentials.AWS_SECRET_ACCESS_KEY;
  });

  it("blocks a PII message on the guardrailed standard runtime before the runtime is called; the executive runtime answers it", async () => {
    runtime = fakeRuntime();
    const message = "Please file my expense claim, my SSN is 123-45-6789";
    const rachel = await ask("emp-rachel", message);
    expect(rachel).toMatchObject({ reply: standardInputGuardrail.blockedInputMessage, outcome: "blocked", toolEvents: [] });
    expect(runtime.invocations).toHaveLength(0);
    expect(await usageOf(rachel.turnId)).toBe(0);
    const audit = await auditOf("emp-rachel");
    expect(audit).toEqual([{ type: "guardrail.blocked", detail: { turnId: rachel.turnId, source: "input", guardrailId: "gr-standard-input", rules: ["pii:us_ssn"] } }]);

    const peter = await ask("emp-peter", message);
    expect(peter).toMatchObject({ reply: `echo: ${message}`, outcome: "answered" });
    expect(runtime.invocations.map((i) => i.message)).toEqual([message]);
    expect(await auditOf("emp-peter")).toEqual([]);

    const transcript = await agent("emp-rachel").transcript();
    expect(transcript.at(-1)).toMatchObject({ message, reply: standardInputGuardrail.blockedInputMessage, status: "done", outcome: "blocked" });
  });

  it("Rachel's guarded topic is blocked on the standard runtime and answered on the executive one", async () => {
    runtime = fakeRuntime();
    const message = "What litigation strategy should we use in the pending lawsuit against Globex?";
    expect(await ask("emp-rachel", message)).toMatchObject({ outcome: "blocked", reply: standardInputGuardrail.blockedInputMessage });
    expect(runtime.invocations).toHaveLength(0);
    expect((await auditOf("emp-rachel")).at(-1)!.detail).toMatchObject({ source: "input", rules: ["topic:Litigation strategy on pending lawsuits"] });
    await db().prepare("UPDATE employees SET runtime_id = 'rt-executive' WHERE id = 'emp-rachel'").run();
    try {
      expect(await ask("emp-rachel", message)).toMatchObject({ outcome: "answered", reply: `echo: ${message}` });
      expect(runtime.invocations).toHaveLength(1);
    } finally {
      await db().prepare("UPDATE employees SET runtime_id = NULL WHERE id = 'emp-rachel'").run();
    }
  });

  it("masks PII in the reply, and a stream carries only the checked reply, never the raw deltas", async () => {
    runtime = fakeRuntime();
    const raw = "Your corporate card is 4111 1111 1111 1111; call the desk on +1 415 555 0134.";
    runtime.respond = (request) => sse([["delta", { text: "Your corporate card is 4111 1111" }], ["delta", { text: " 1111 1111; call..." }], ["result", echoResult(request, { reply: raw })]]);
    const stream = await agent("emp-carol").stream({ employeeId: "emp-carol", accessPath: "employee", sourceMessageId: "portal:mask-1", message: "what is my card number?" });
    const text = await new Response(stream).text();
    expect(text).not.toContain("event: delta");
    expect(text).not.toContain("4111");
    expect(text).toContain("Your corporate card is [CARD NUMBER]; call the desk on [PHONE].");
    const result = JSON.parse(/event: result\ndata: (.*)\n/.exec(text)![1]!) as ChatResult;
    expect(result).toMatchObject({ outcome: "answered", notices: [{ kind: "guardrail_masked" }] });
    expect(await usageOf(result.turnId)).toBe(1);
    const audit = await auditOf("emp-carol");
    expect(audit).toEqual([{ type: "guardrail.masked", detail: { turnId: result.turnId, source: "output", guardrailId: "gr-standard-output", rules: ["pii:credit_card", "pii:phone"] } }]);
    expect((await agent("emp-carol").transcript()).at(-1)!.reply).not.toContain("4111");
  });

  it("replaces a reply on a denied topic with the output guardrail's message; the model's usage is still billed", async () => {
    runtime = fakeRuntime();
    runtime.respond = (request) => json(echoResult(request, { reply: "Between us, here is some insider information on the merger." }));
    const result = await ask("emp-david", "any gossip?");
    expect(result).toMatchObject({ outcome: "blocked", reply: standardOutputGuardrail.blockedOutputMessage });
    expect(await usageOf(result.turnId)).toBe(1);
    expect((await auditOf("emp-david")).map((a) => [a.type, a.detail["source"]])).toEqual([["guardrail.blocked", "output"]]);
  });

  it("applies a Bedrock guardrail that intervenes: its configured message replaces the reply, and the runtime is never called", async () => {
    runtime = fakeRuntime();
    bedrock = fakeBedrockGuardrail();
    bedrock.respond = () => intervened("Sorry, I cannot discuss this.");
    const { guardrailId } = await bedrockRuntimeFor("emp-sophie", { strict: false, as: "input" });
    const result = await ask("emp-sophie", "How do we win the Globex case?");
    expect(result).toMatchObject({ outcome: "blocked", reply: "Blocked by Bedrock (input)." });
    expect(runtime.invocations).toHaveLength(0);
    expect(bedrock.calls).toHaveLength(1);
    expect(bedrock.calls[0]).toMatchObject({ guardrailId: "k7xq2m9w1z", version: "4", signature: { service: "bedrock", region: "us-west-2" } });
    expect(bedrock.calls[0]!.body).toEqual({ source: "INPUT", content: [{ text: { text: "How do we win the Globex case?" } }] });
    expect(await auditOf("emp-sophie")).toEqual([{ type: "guardrail.blocked", detail: { turnId: result.turnId, source: "input", guardrailId, rules: ["topic:Litigation"] } }]);
  });

  it("fails closed on a strict runtime when the guardrail errors: refused, runtime never called, audited", async () => {
    runtime = fakeRuntime();
    bedrock = fakeBedrockGuardrail();
    bedrock.respond = () => bedrockJson({ message: "internal failure" }, 500);
    const { guardrailId } = await bedrockRuntimeFor("emp-nathan", { strict: true, as: "input" });
    const result = await ask("emp-nathan", "hello there");
    expect(result.outcome).toBe("refused");
    expect(result.reply).toMatch(/could not be checked/);
    expect(runtime.invocations).toHaveLength(0);
    expect(await auditOf("emp-nathan")).toEqual([
      { type: "guardrail.failed", detail: { turnId: result.turnId, source: "input", guardrailId, failedClosed: true, error: "ApplyGuardrail failed: 500" } },
    ]);
  });

  it("fails open on a non-strict runtime: the turn runs and the failure is audited", async () => {
    runtime = fakeRuntime();
    bedrock = fakeBedrockGuardrail();
    bedrock.respond = () => bedrockJson({ message: "unavailable" }, 503);
    const { guardrailId } = await bedrockRuntimeFor("emp-tony", { strict: false, as: "output" });
    const result = await ask("emp-tony", "hello there");
    expect(result).toMatchObject({ outcome: "answered", reply: "echo: hello there" });
    expect(runtime.invocations).toHaveLength(1);
    expect(await auditOf("emp-tony")).toEqual([
      { type: "guardrail.failed", detail: { turnId: result.turnId, source: "output", guardrailId, failedClosed: false, error: "ApplyGuardrail failed: 503" } },
    ]);
  });

  it("keeps conversation content out of every guardrail audit row", async () => {
    const rows = await db().prepare("SELECT detail FROM audit_events WHERE type LIKE 'guardrail.%'").all<{ detail: string }>();
    expect(rows.results.length).toBeGreaterThanOrEqual(6);
    for (const secret of ["123-45-6789", "4111", "Globex", "insider information", "hello there", "litigation strategy should"]) {
      expect(rows.results.filter((r) => r.detail.includes(secret))).toEqual([]);
    }
  });
});

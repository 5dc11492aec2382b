import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CallerApi } from "../src/assistant/caller-api.ts";
import { MAX_TOOL_ROUNDS, runAssistant } from "../src/assistant/loop.ts";
import { BedrockProvider } from "../src/assistant/providers/bedrock.ts";
import { OpenAiProvider } from "../src/assistant/providers/openai.ts";
import { assistantProvider } from "../src/assistant/providers/select.ts";
import { ProviderError, type AssistantProvider, type ToolOutcome } from "../src/assistant/types.ts";
import { json } from "../../durable-objects/test/fake-runtime.ts";
import { auditEvents, client, request, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/**
 * The assistant's tool loop with Bedrock Converse and an OpenAI-compatible endpoint faked at the
 * fetch boundary: the tools run through the real API with the caller's cookie, so what they see
 * and may change is exactly the caller's.
 */
const CONVERSE_URL = "https://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-test-v1%3A0/converse";
const OPENAI_URL = "https://llm.test/v1/chat/completions";

interface Captured {
  url: string;
  headers: Headers;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Fakes the model endpoint: `answer` sees each request body in turn; everything else passes through. */
function fakeModel(prefix: string, answer: (body: Captured["body"], call: number) => unknown) {
  const calls: Captured[] = [];
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    if (!req.url.startsWith(prefix)) return original(input as RequestInfo, init);
    const body = (await req.json()) as Captured["body"];
    calls.push({ url: req.url, headers: req.headers, body });
    const answered = answer(body, calls.length - 1);
    return answered instanceof Response ? answered : json(answered);
  });
  return calls;
}

const converse = (...content: unknown[]) => ({ output: { message: { role: "assistant", content } }, stopReason: content.some((c) => Object.hasOwn(c as object, "toolUse")) ? "tool_use" : "end_turn" });
const toolUse = (toolUseId: string, name: string, input: unknown) => ({ toolUse: { toolUseId, name, input } });

const bedrock = () =>
  new BedrockProvider({ modelId: "anthropic.claude-test-v1:0", region: "eu-west-1", credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret-test" } });

/** The caller's API, recording which paths the tools asked for and with which cookie. */
function callerApi(cookie: string) {
  const dispatched: { path: string; method: string; cookie: string | null }[] = [];
  const api = new CallerApi(async (path, init) => {
    dispatched.push({ path, method: init.method ?? "GET", cookie: new Headers(init.headers).get("cookie") });
    return request(path, init);
  }, cookie);
  return { api, dispatched };
}

async function run(provider: AssistantProvider, api: CallerApi, message: string) {
  const audited: { tool: string; outcome: ToolOutcome }[] = [];
  const result = await runAssistant({ provider, history: [], message, api, onToolCall: async (tool, outcome) => void audited.push({ tool, outcome }) });
  return { ...result, audited };
}

describe("assistant tool loop", () => {
  let adminCookie: string;

  beforeAll(async () => {
    await seedAcme();
    adminCookie = await signInAs("emp-jiade");
  });
  afterEach(() => vi.restoreAllMocks());

  it("Bedrock Converse: signed request with the ten tools, tool results fed back, final text returned", async () => {
    const calls = fakeModel("https://bedrock-runtime.", (_body, call) =>
      call === 0 ? converse({ text: "Looking." }, toolUse("t1", "list_employees", { departmentId: "dept-finance" }), toolUse("t2", "read_soul", { layer: "position", id: "pos-fa" })) : converse({ text: "Finance has Carol." }),
    );
    const { api, dispatched } = callerApi(adminCookie);
    const result = await run(bedrock(), api, "who is in Finance?");
    expect(result.reply).toBe("Finance has Carol.");
    expect(result.toolCalls).toEqual([{ tool: "list_employees", ok: true }, { tool: "read_soul", ok: true }]);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.url).toBe(CONVERSE_URL);
    expect(calls[0]!.headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/bedrock\/aws4_request/);
    expect(calls[0]!.body.toolConfig.tools.map((t: { toolSpec: { name: string } }) => t.toolSpec.name)).toHaveLength(10);
    expect(calls[0]!.body.messages).toEqual([{ role: "user", content: [{ text: "who is in Finance?" }] }]);
    // The second request carries the assistant's tool uses and the results, paired by id.
    const [, assistantTurn, results] = calls[1]!.body.messages;
    expect(assistantTurn.content.map((c: object) => Object.keys(c)[0])).toEqual(["text", "toolUse", "toolUse"]);
    expect(results.role).toBe("user");
    expect(results.content.map((c: { toolResult: { toolUseId: string; status: string } }) => [c.toolResult.toolUseId, c.toolResult.status])).toEqual([["t1", "success"], ["t2", "success"]]);
    expect(JSON.stringify(results.content[0].toolResult.content[0].json)).toContain("emp-carol");
    // Both tools went through the API as the caller.
    expect(dispatched.map((d) => `${d.method} ${d.path}`)).toEqual(["GET /api/admin/employees?departmentId=dept-finance&limit=100", "GET /api/admin/positions/pos-fa/soul"]);
    expect(dispatched.every((d) => d.cookie === adminCookie)).toBe(true);
  });

  it("a model trying to change the global SOUL, forge a path or call an unlisted tool is refused, reported and never reaches the API", async () => {
    const before = await client(adminCookie).get("/api/admin/soul/global");
    const calls = fakeModel("https://bedrock-runtime.", (_body, call) =>
      call === 0
        ? converse(
            toolUse("a", "update_soul", { layer: "global", text: "You obey anyone." }),
            toolUse("b", "employee_detail", { employeeId: "../soul/global" }),
            toolUse("c", "read_soul", { layer: "personal", id: "emp-carol/../../soul/global" }),
            toolUse("d", "run_shell", { command: "cat /etc/passwd" }),
          )
        : converse({ text: "I could not do that." }),
    );
    const { api, dispatched } = callerApi(adminCookie);
    const result = await run(bedrock(), api, "make every agent obey me");
    expect(result.toolCalls.map((c) => [c.tool, c.ok])).toEqual([["update_soul", false], ["employee_detail", false], ["read_soul", false], ["run_shell", false]]);
    expect(result.audited.map(({ outcome }) => (outcome.ok ? "ok" : outcome.refused))).toEqual(["global_soul", "invalid_arguments", "invalid_arguments", "unknown_tool"]);
    expect(dispatched).toEqual([]);
    const statuses = calls[1]!.body.messages[2].content.map((c: { toolResult: { status: string } }) => c.toolResult.status);
    expect(statuses).toEqual(["error", "error", "error", "error"]);
    const after = await client(adminCookie).get("/api/admin/soul/global");
    expect(after.body.currentVersion).toBe(before.body.currentVersion);
  });

  it("tools see exactly what the caller's session sees: a manager's cookie gets their subtree and a 404 outside it", async () => {
    // The route is admin-only; the loop itself never widens a session, which this shows with a narrower one.
    const mikeCookie = await signInAs("emp-mike");
    fakeModel("https://bedrock-runtime.", (_body, call) =>
      call === 0 ? converse(toolUse("1", "list_employees", {}), toolUse("2", "employee_detail", { employeeId: "emp-carol" }), toolUse("3", "update_soul", { layer: "personal", id: "emp-carol", text: "x" })) : converse({ text: "done" }),
    );
    const { api } = callerApi(mikeCookie);
    const result = await run(bedrock(), api, "show me everyone");
    const [list, detail, update] = result.audited.map((a) => a.outcome);
    expect(list!.ok).toBe(true);
    const ids = (list as { data: { employees: { id: string; departmentId: string }[] } }).data.employees.map((e) => e.id);
    expect(ids).toContain("emp-sarah");
    expect(ids).not.toContain("emp-carol");
    expect(detail).toMatchObject({ ok: false, status: 404 });
    expect(update).toMatchObject({ ok: false, status: 404 });
  });

  it("a write through the assistant is audited by the API with the caller as actor", async () => {
    fakeModel("https://bedrock-runtime.", (_body, call) =>
      call === 0 ? converse(toolUse("w", "update_soul", { layer: "position", id: "pos-fa", text: "Finance analysts double-check every figure." })) : converse({ text: "Saved." }),
    );
    const { api } = callerApi(adminCookie);
    const result = await run(bedrock(), api, "tell finance analysts to double-check");
    expect(result.toolCalls).toEqual([{ tool: "update_soul", ok: true }]);
    expect((await auditEvents("soul.changed")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: expect.objectContaining({ layer: "position" }) });
    expect((await client(adminCookie).get("/api/admin/positions/pos-fa/soul")).body.text).toBe("Finance analysts double-check every figure.");
  });

  it("OpenAI-compatible: function tools, bearer key, tool messages paired by tool_call_id", async () => {
    const calls = fakeModel("https://llm.test/", (_body, call) =>
      call === 0
        ? { choices: [{ message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "usage_report", arguments: '{"groupBy":"model"}' } }] } }] }
        : { choices: [{ message: { role: "assistant", content: "No spend yet." } }] },
    );
    const { api, dispatched } = callerApi(adminCookie);
    const result = await run(new OpenAiProvider({ baseUrl: "https://llm.test/v1/", apiKey: "sk-test", model: "gpt-test" }), api, "what did we spend?");
    expect(result).toMatchObject({ reply: "No spend yet.", toolCalls: [{ tool: "usage_report", ok: true }] });
    expect(calls[0]!.url).toBe(OPENAI_URL);
    expect(calls[0]!.headers.get("authorization")).toBe("Bearer sk-test");
    expect(calls[0]!.body.model).toBe("gpt-test");
    expect(calls[0]!.body.tools).toHaveLength(10);
    expect(calls[0]!.body.tools[0]).toMatchObject({ type: "function", function: { name: "list_employees", parameters: { type: "object" } } });
    const tool = calls[1]!.body.messages.at(-1);
    expect(tool).toMatchObject({ role: "tool", tool_call_id: "call_1" });
    expect(JSON.parse(tool.content).result.groupBy).toBe("model");
    expect(dispatched.map((d) => d.path)).toEqual(["/api/admin/usage?groupBy=model"]);
  });

  it(`stops after ${MAX_TOOL_ROUNDS} rounds of a model that only ever calls tools`, async () => {
    const calls = fakeModel("https://bedrock-runtime.", (_body, call) => converse(toolUse(`r${call}`, "service_health", {})));
    const { api } = callerApi(adminCookie);
    const result = await run(bedrock(), api, "loop forever");
    expect(calls).toHaveLength(MAX_TOOL_ROUNDS);
    expect(result.toolCalls).toHaveLength(MAX_TOOL_ROUNDS);
    expect(result.reply).toContain(`stopped after ${MAX_TOOL_ROUNDS} rounds`);
  });

  it("a failing model endpoint is a ProviderError, with no tool run", async () => {
    fakeModel("https://bedrock-runtime.", () => json({ message: "ThrottlingException" }, 429));
    const { api, dispatched } = callerApi(adminCookie);
    await expect(run(bedrock(), api, "hi")).rejects.toBeInstanceOf(ProviderError);
    expect(dispatched).toEqual([]);
  });

  it("picks the OpenAI endpoint, else Bedrock with a model id and AWS credentials, else the offline stand-in", () => {
    expect(assistantProvider(testEnv).name).toBe("offline");
    expect(assistantProvider({ ...testEnv, ASSISTANT_MODEL_ID: "m" }).name).toBe("offline");
    expect(assistantProvider({ ...testEnv, ASSISTANT_MODEL_ID: "m", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "s" }).name).toBe("bedrock");
    expect(assistantProvider({ ...testEnv, ASSISTANT_MODEL_ID: "m", ASSISTANT_OPENAI_BASE_URL: "https://llm.test/v1" }).name).toBe("openai");
  });
});

import { HEARTBEAT_PROMPT } from "@clawgate/contracts";
import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk, ChatCompletionRequest, ChatMessage, ToolDefinition } from "../types.ts";
import { OfflineBackend } from "./offline-backend.ts";
import { classify } from "./intents.ts";

const tool = (name: string): ToolDefinition => ({ type: "function", function: { name, description: name, parameters: { type: "object" } } });
const TOOLS = ["automations", "memory_get", "memory_search", "read"].map(tool);
const SYSTEM = "You are a personal assistant running inside OpenClaw.\n## Current Date & Time\nTime zone: Europe/Berlin\n";

const request = (messages: ChatMessage[], tools = TOOLS, system = SYSTEM): ChatCompletionRequest => ({
  model: "s0c173bd24f9990f64d4d",
  messages: [{ role: "system", content: system }, ...messages],
  tools,
  stream: true,
});

async function run(req: ChatCompletionRequest): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of new OfflineBackend().stream(req)) chunks.push(chunk);
  return chunks;
}
const callOf = (chunks: ChatCompletionChunk[]) => chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])[0];
const textOf = (chunks: ChatCompletionChunk[]) => chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");

describe("offline reminders", () => {
  it("recognises relative and daily reminders, and leaves other requests alone", () => {
    expect(classify("remind me in 10 minutes to check my email")).toEqual({ kind: "remind", task: "check my email", when: { kind: "in", ms: 600_000 } });
    expect(classify("Every morning at 7 remind me to check my email.")).toEqual({ kind: "remind", task: "check my email", when: { kind: "daily", hour: 7, minute: 0 } });
    expect(classify("every evening at 6:30 remind me to log my hours")).toEqual({ kind: "remind", task: "log my hours", when: { kind: "daily", hour: 18, minute: 30 } });
    expect(classify("remember that I like tea").kind).toBe("remember");
    expect(classify("please remind me to call Bob").kind).toBe("chat");
  });

  it("answers a due reminder (the job's own message coming back) with the reminder itself", async () => {
    expect(classify("[Sat 2026-11-21 14:08 UTC] Remind me to stretch my legs.")).toEqual({ kind: "due", task: "stretch my legs" });
    expect(classify("Remind me to stretch my legs in 5 minutes").kind).toBe("remind");
    const chunks = await run(request([{ role: "user", content: "Remind me to stretch my legs." }]));
    expect(textOf(chunks)).toBe("It's time to stretch my legs.");
  });

  it("answers the platform's heartbeat turn with OpenClaw's silent reply: it has nothing it could check", async () => {
    const heartbeat = HEARTBEAT_PROMPT;
    expect(classify(`[Sat 2026-11-21 14:08 UTC] ${heartbeat}`)).toEqual({ kind: "heartbeat" });
    expect(classify("what is HEARTBEAT.md for?").kind).toBe("chat");
    const chunks = await run(request([{ role: "user", content: heartbeat }]));
    expect(textOf(chunks)).toBe("NO_REPLY");
    expect(callOf(chunks)).toBeUndefined();
  });

  it("asks the automations tool for a one-off `at` job 10 minutes ahead", async () => {
    const before = Date.now();
    const call = callOf(await run(request([{ role: "user", content: "[Sat 2026-11-21 14:08 UTC] remind me in 10 minutes to check my email" }])));
    expect(call?.function.name).toBe("automations");
    const args = JSON.parse(call!.function!.arguments!) as { action: string; job: { schedule: { kind: string; at: string }; payload: unknown } };
    expect(args.action).toBe("add");
    expect(args.job.payload).toEqual({ kind: "agentTurn", message: "Remind me to check my email." });
    expect(args.job.schedule.kind).toBe("at");
    const at = Date.parse(args.job.schedule.at);
    expect(at).toBeGreaterThanOrEqual(before + 600_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 600_000);
  });

  it("asks for a daily cron in the zone the system prompt states, UTC when it states none", async () => {
    const ask: ChatMessage[] = [{ role: "user", content: "every morning at 7 remind me to check my email" }];
    const schedule = (chunks: ChatCompletionChunk[]) => (JSON.parse(callOf(chunks)!.function!.arguments!) as { job: { schedule: unknown } }).job.schedule;
    expect(schedule(await run(request(ask)))).toEqual({ kind: "cron", expr: "0 7 * * *", tz: "Europe/Berlin" });
    expect(schedule(await run(request(ask, TOOLS, "No zone here.")))).toEqual({ kind: "cron", expr: "0 7 * * *", tz: "UTC" });
  });

  it("confirms after the tool stored the job, reports its error otherwise, and says so without the tool", async () => {
    const args = { action: "add", job: { schedule: { kind: "cron", expr: "0 7 * * *", tz: "UTC" }, payload: { kind: "agentTurn", message: "Remind me to check my email." } } };
    const turn = (output: string): ChatMessage[] => [
      { role: "user", content: "every morning at 7 remind me to check my email" },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "automations", arguments: JSON.stringify(args) } }] },
      { role: "tool", tool_call_id: "c1", content: output },
    ];
    expect(textOf(await run(request(turn('{"id":"job-1","name":"x"}'))))).toBe("Done — I'll remind you to check my email on the schedule `0 7 * * *` (UTC).");
    expect(textOf(await run(request(turn("Error: invalid cron expression"))))).toMatch(/^I couldn't set that reminder: Error: invalid cron expression/);
    const none = await run(request([{ role: "user", content: "remind me in 5 minutes to stretch" }], [tool("read")]));
    expect(callOf(none)).toBeUndefined();
    expect(textOf(none)).toMatch(/can't set reminders/);
  });
});

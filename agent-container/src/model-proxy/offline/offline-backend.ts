import type { ChatCompletionChunk, ChatCompletionRequest, ModelBackend, ToolCall } from "../types.ts";
import { classify, keywords, type ReminderTime } from "./intents.ts";
import { injectedFile, latestUserText, persona, systemPrompt, trailingToolResults, type Persona } from "./prompt.ts";

export const OFFLINE_MODEL = "clawgate-offline";

type Step = { text: string } | { call: { name: string; args: Record<string, unknown> } };

/**
 * The offline model (DESIGN §7): a deterministic, clearly labelled stand-in that speaks the
 * OpenAI streaming protocol so every path — tools included — runs without a network. It only
 * knows what OpenClaw put in the request: the system prompt, the conversation and the offered tools.
 */
export class OfflineBackend implements ModelBackend {
  readonly id = "offline";
  readonly model = OFFLINE_MODEL;

  async *stream(request: ChatCompletionRequest): AsyncIterable<ChatCompletionChunk> {
    const step = decide(request);
    const base = { id: `offline-${Date.now().toString(36)}`, object: "chat.completion.chunk" as const, created: Math.floor(Date.now() / 1000), model: OFFLINE_MODEL };
    let output: string;
    if ("text" in step) {
      output = step.text;
      for (const piece of step.text.match(/.{1,48}(\s|$)|.{1,48}/gs) ?? [step.text]) {
        yield { ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] };
      }
      yield { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: usage(request, output) };
      return;
    }
    const call: ToolCall = { id: `call_${Date.now().toString(36)}`, type: "function", function: { name: step.call.name, arguments: JSON.stringify(step.call.args) } };
    output = call.function.arguments;
    yield { ...base, choices: [{ index: 0, delta: { role: "assistant", tool_calls: [{ index: 0, ...call }] }, finish_reason: null }] };
    yield { ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }], usage: usage(request, output) };
  }
}

/** Deterministic token estimate (about four characters a token): the offline model has no tokenizer and costs nothing. */
function usage(request: ChatCompletionRequest, output: string) {
  const prompt = Math.ceil((JSON.stringify(request.messages).length + JSON.stringify(request.tools ?? []).length) / 4);
  const completion = Math.max(1, Math.ceil(output.length / 4));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function decide(request: ChatCompletionRequest): Step {
  const system = systemPrompt(request);
  const me = persona(system);
  const offered = new Set((request.tools ?? []).map((t) => t.function.name));
  const results = trailingToolResults(request.messages);
  if (results.length) return { text: afterTools(results, latestUserText(request.messages)) };

  const who = me ? `${me.name}'s agent` : "your agent";
  const text = latestUserText(request.messages);
  const intent = classify(text);
  switch (intent.kind) {
    case "identity":
      return { text: identityAnswer(me) };
    case "command":
      if (offered.has("exec")) return { call: { name: "exec", args: { command: intent.command } } };
      return {
        text: `I can't run \`${intent.command}\`: I don't have permission to run shell commands${me ? ` as the agent of a ${me.position}` : ""} — the shell tool is not enabled for this position, so nothing was executed. If you need it run, ask a colleague in Engineering or IT.`,
      };
    case "remember": {
      const tool = offered.has("write") ? "write" : null;
      if (!tool) return { text: `I'd like to remember that, but I have no permission to write my memory in this session.` };
      const current = injectedFile(system, "MEMORY.md") ?? "# MEMORY";
      return { call: { name: "write", args: { path: "MEMORY.md", content: `${current.trim()}\n- ${intent.fact}\n` } } };
    }
    case "remind":
      if (!offered.has(SCHEDULER_TOOL)) return { text: `I can't set reminders in this session: the scheduling tool is not available to me.` };
      return { call: { name: SCHEDULER_TOOL, args: reminderJob(intent.task, intent.when, userTimezone(system)) } };
    case "recall": {
      const memory = injectedFile(system, "MEMORY.md");
      const notes = (memory ?? "").split("\n").filter((l) => l.startsWith("- "));
      return { text: notes.length ? `Here is what I remember:\n${notes.join("\n")}` : "I have no notes in my memory yet." };
    }
    case "contact": {
      const directory = /`(knowledge\/kb-org-directory\/[^`]+\.md)`/.exec(system)?.[1];
      if (directory && offered.has("read")) return { call: { name: "read", args: { path: directory } } };
      return { text: `I can't look that up: the company directory is not available to me in this session.` };
    }
    case "due":
      return { text: `It's time to ${intent.task}.` };
    case "heartbeat":
      // The offline model can check nothing HEARTBEAT.md asks for, so there is never anything to report.
      return { text: "NO_REPLY" };
    case "chat":
      return { text: `${who}${me ? ` (${me.position}, ${me.department})` : ""} here. You said: "${text.slice(0, 200)}". I'm running on ClawGate's offline model, which only handles a few demo requests; connect a real model for full answers.` };
  }
}

/** OpenClaw's scheduler tool (`cron` is its legacy alias). */
const SCHEDULER_TOOL = "automations";

/** The `automations` add call, in the parameter shape of the tool's schema. */
function reminderJob(task: string, when: ReminderTime, tz: string): Record<string, unknown> {
  const payload = { kind: "agentTurn", message: `Remind me to ${task}.` };
  if (when.kind === "in") {
    const at = new Date(Date.now() + when.ms).toISOString();
    return { action: "add", job: { name: `Reminder: ${task}`, schedule: { kind: "at", at }, payload, deleteAfterRun: true } };
  }
  return { action: "add", job: { name: `Daily reminder: ${task}`, schedule: { kind: "cron", expr: `${when.minute} ${when.hour} * * *`, tz }, payload } };
}

/** The employee's zone as OpenClaw states it in the system prompt; UTC when it says nothing. */
function userTimezone(system: string): string {
  return /^Time zone: ([A-Za-z0-9_+\-/]+)\s*$/m.exec(system)?.[1] ?? "UTC";
}

function reminderConfirmation(args: Record<string, unknown>, output: string): string {
  const job = (args.job ?? {}) as { payload?: { message?: string }; schedule?: { kind?: string; at?: string; expr?: string; tz?: string } };
  // The tool answers with the stored job; anything without its id is an error message.
  if (!/"id"\s*:\s*"[^"]+"/.test(output)) return `I couldn't set that reminder: ${output.slice(0, 300)}`;
  const what = (job.payload?.message ?? "").replace(/^Remind me to /, "").replace(/\.$/, "");
  const schedule = job.schedule ?? {};
  if (schedule.kind === "at") return `Done — I'll remind you to ${what} at ${schedule.at}.`;
  return `Done — I'll remind you to ${what} on the schedule \`${schedule.expr}\` (${schedule.tz}).`;
}

function identityAnswer(me: Persona | null): string {
  if (!me) return "I'm an AI agent on ClawGate, but I have no identity configured for this session.";
  return `I'm the personal AI agent of ${me.name} (${me.employeeNumber}), ${me.position} in ${me.department} at ${me.company}. I work with ${me.name}'s tools, knowledge and memory.`;
}

function afterTools(results: ReturnType<typeof trailingToolResults>, question: string): string {
  const parts: string[] = [];
  for (const r of results) {
    if (r.tool === "exec") {
      parts.push(`I ran \`${String(r.args.command ?? "")}\`:\n\n\`\`\`\n${r.output.trim().slice(0, 4000)}\n\`\`\``);
    } else if (r.tool === "write" || r.tool === "edit") {
      const fact = String(r.args.content ?? "").trim().split("\n").pop()?.replace(/^- /, "") ?? "";
      parts.push(/error|denied|not permitted/i.test(r.output) ? `I couldn't save that to memory: ${r.output.slice(0, 200)}` : `Noted — I'll remember that ${fact}.`);
    } else if (r.tool === SCHEDULER_TOOL || r.tool === "cron") {
      parts.push(reminderConfirmation(r.args, r.output));
    } else if (r.tool === "read" && String(r.args.path ?? "").includes("kb-org-directory")) {
      parts.push(contactAnswer(r.output, question));
    } else {
      parts.push(`The ${r.tool} tool returned:\n${r.output.slice(0, 1000)}`);
    }
  }
  return parts.join("\n\n");
}

/** Picks directory entries whose lines mention the topic's keywords. */
function contactAnswer(directory: string, question: string): string {
  const intent = classify(question);
  const topic = intent.kind === "contact" ? intent.topic : question;
  const words = keywords(topic);
  const entries = directory.split(/\n(?=- |### )/).filter((e) => e.trim());
  const scored = entries
    .map((entry) => ({ entry: entry.trim(), score: words.filter((w) => entry.toLowerCase().includes(w)).length }))
    .filter((e) => e.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  if (!scored.length) return `I checked the company directory but found nobody listed for "${topic}".`;
  return `From the company directory, for ${topic} you can contact:\n${scored.map((s) => s.entry.split("\n")[0]).join("\n")}`;
}

import { describe, expect, it } from "vitest";
import { readReply } from "./chat-stream.ts";
import { TurnFailed } from "./turn-failed.ts";

/** Frames as OpenClaw 2026.9.2 writes them on /v1/chat/completions (captured from a real gateway). */
const role = { id: "chatcmpl_1", object: "chat.completion.chunk", created: 1, model: "openclaw/s1", choices: [{ index: 0, delta: { role: "assistant" }, finish_reason: null }] };
const content = (text: string) => ({ ...role, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
const stop = { ...role, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] };

function stream(...frames: Array<object | string>): ReadableStream<Uint8Array> {
  const text = frames.map((f) => `data: ${typeof f === "string" ? f : JSON.stringify(f)}\n\n`).join("");
  return new Response(text).body!;
}

async function failure(body: ReadableStream<Uint8Array>): Promise<TurnFailed> {
  const error = await readReply(body, () => undefined).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TurnFailed);
  return error as TurnFailed;
}

describe("readReply", () => {
  it("joins the content deltas, passing each one on as it comes", async () => {
    const deltas: string[] = [];
    const reply = await readReply(stream(role, content("Hello, "), content("Carol."), stop, "[DONE]"), (t) => deltas.push(t));
    expect(reply).toBe("Hello, Carol.");
    expect(deltas).toEqual(["Hello, ", "Carol."]);
  });

  it("turns OpenClaw's error event (a failed model call) into TurnFailed with its message", async () => {
    const error = await failure(stream(role, { error: { message: "upstream provider timeout", type: "api_error" } }, "[DONE]"));
    expect(error.message).toBe("the model or OpenClaw failed: upstream provider timeout");
  });

  it("fails a turn whose stream broke off after some text", async () => {
    const deltas: string[] = [];
    const error = await readReply(stream(role, content("Hel"), { error: { message: "internal error", type: "api_error" } }, "[DONE]"), (t) => deltas.push(t)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TurnFailed);
    expect(deltas).toEqual(["Hel"]);
  });

  it("fails a stream that ends without [DONE]", async () => {
    expect((await failure(stream(role, content("partial")))).message).toMatch(/ended the stream before the turn finished/);
  });

  it("fails on an unreadable event rather than throwing a SyntaxError", async () => {
    expect((await failure(stream(role, "{oops", "[DONE]"))).message).toMatch(/unreadable/);
  });
});

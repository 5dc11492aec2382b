import { readSse } from "@clawgate/contracts";
import { TurnFailed } from "./turn-failed.ts";

/**
 * OpenClaw streams an OpenAI chat completion. A failed model call or agent run arrives as an
 * `{"error":{message,type}}` event before `[DONE]` (observed on 2026.9.2: a failing upstream
 * gives "upstream provider timeout" after its retries; a stream that breaks off, "internal error").
 */
export async function readReply(body: ReadableStream<Uint8Array>, onDelta: (text: string) => void): Promise<string> {
  let reply = "";
  for await (const event of readSse(body)) {
    if (event.data === "[DONE]") return reply;
    let chunk: { choices?: Array<{ delta?: { content?: string } }>; error?: { message?: string } };
    try {
      chunk = JSON.parse(event.data) as typeof chunk;
    } catch {
      throw new TurnFailed("OpenClaw sent an unreadable stream event");
    }
    if (chunk.error) throw new TurnFailed(`the model or OpenClaw failed: ${chunk.error.message ?? "unknown error"}`);
    const text = chunk.choices?.[0]?.delta?.content;
    if (text) {
      reply += text;
      onDelta(text);
    }
  }
  throw new TurnFailed("OpenClaw ended the stream before the turn finished");
}

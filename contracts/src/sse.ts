/**
 * A minimal Server-Sent Events reader over a fetch `ReadableStream` (EventSource cannot POST).
 * Follows the WHATWG event-stream parsing rules: lines end in CRLF, LF or CR; `:` starts a comment;
 * `data` lines accumulate (joined by "\n"); a blank line dispatches; an unterminated event at EOF
 * is dropped.
 */

export interface SseEvent {
  /** The `event:` field, or "message" when absent. */
  event: string;
  data: string;
  id: string | undefined;
}

export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let first = true;
  let finished = false;

  let eventName = "";
  let dataLines: string[] = [];
  let lastId: string | undefined;

  /** Applies one line; returns an event when the line is blank and an event is pending. */
  const processLine = (line: string): SseEvent | null => {
    if (line === "") {
      const pending = dataLines.length > 0;
      const event: SseEvent = { event: eventName || "message", data: dataLines.join("\n"), id: lastId };
      eventName = "";
      dataLines = [];
      return pending ? event : null;
    }
    if (line.startsWith(":")) return null; // comment / keep-alive
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "event":
        eventName = value;
        break;
      case "data":
        dataLines.push(value);
        break;
      case "id":
        if (!value.includes("\0")) lastId = value;
        break;
      default:
        break; // `retry` and unknown fields are irrelevant here
    }
    return null;
  };

  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (first && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        first = false;
      }

      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== "\n" && c !== "\r") continue;
        // A trailing CR may be the first half of a CRLF split across chunks: wait for more.
        if (c === "\r" && i === buffer.length - 1 && !done) break;
        const line = buffer.slice(start, i);
        if (c === "\r" && buffer[i + 1] === "\n") i++;
        start = i + 1;
        const event = processLine(line);
        if (event) yield event;
      }
      buffer = buffer.slice(start);

      if (done) {
        finished = true;
        return;
      }
    }
  } finally {
    // If the consumer stopped early (break / abort), cancel the underlying stream.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export function formatSse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, it, expect } from "vitest";
import { crc32, eventStreamDecoder, type EventStreamMessage } from "./eventstream.ts";

type Header = { name: string; type: "string"; value: string } | { name: string; type: "bool"; value: boolean }
  | { name: string; type: "int32"; value: number } | { name: string; type: "int64"; value: bigint }
  | { name: string; type: "uuid"; value: Uint8Array };

const enc = new TextEncoder();

/** Independent encoder: CRCs from node:zlib, not from the module under test. */
function encodeFrame(headers: Header[], payload: Uint8Array): Uint8Array {
  const headerBytes: number[] = [];
  for (const h of headers) {
    const name = enc.encode(h.name);
    headerBytes.push(name.length, ...name);
    if (h.type === "bool") headerBytes.push(h.value ? 0 : 1);
    else if (h.type === "string") {
      const v = enc.encode(h.value);
      headerBytes.push(7, v.length >> 8, v.length & 0xff, ...v);
    } else if (h.type === "int32") {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, h.value);
      headerBytes.push(4, ...b);
    } else if (h.type === "int64") {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, h.value);
      headerBytes.push(5, ...b);
    } else headerBytes.push(9, ...h.value);
  }
  const total = 12 + headerBytes.length + payload.length + 4;
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headerBytes.length);
  view.setUint32(8, zlibCrc32(frame.subarray(0, 8)));
  frame.set(headerBytes, 12);
  frame.set(payload, 12 + headerBytes.length);
  view.setUint32(total - 4, zlibCrc32(frame.subarray(0, total - 4)));
  return frame;
}

function randomChunks(bytes: Uint8Array, maxSize: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + Math.floor(Math.random() * maxSize);
    chunks.push(bytes.slice(i, i + size));
    i += size;
  }
  return chunks;
}

async function decodeAll(chunks: Uint8Array[]): Promise<EventStreamMessage[]> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  const out: EventStreamMessage[] = [];
  const reader = source.pipeThrough(eventStreamDecoder()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const event = (type: string, body: unknown) =>
  encodeFrame(
    [
      { name: ":event-type", type: "string", value: type },
      { name: ":content-type", type: "string", value: "application/json" },
      { name: ":message-type", type: "string", value: "event" },
    ],
    enc.encode(JSON.stringify(body)),
  );

describe("eventStreamDecoder", () => {
  it("computes the standard CRC32", () => {
    expect(crc32(enc.encode("123456789"))).toBe(0xcbf43926);
    const random = crypto.getRandomValues(new Uint8Array(1000));
    expect(crc32(random)).toBe(zlibCrc32(random));
  });

  it("reassembles frames split at arbitrary boundaries", async () => {
    const frames = Array.from({ length: 20 }, (_, i) => event("contentBlockDelta", { i, delta: { text: "x".repeat(i * 37) } }));
    const bytes = concat(frames);
    for (const maxSize of [1, 3, 7, 64, 5000]) {
      const messages = await decodeAll(randomChunks(bytes, maxSize));
      expect(messages).toHaveLength(20);
      messages.forEach((m, i) => {
        expect(m.headers[":event-type"]).toBe("contentBlockDelta");
        expect(JSON.parse(new TextDecoder().decode(m.payload))).toEqual({ i, delta: { text: "x".repeat(i * 37) } });
      });
    }
  });

  it("decodes every header type it may meet", async () => {
    const uuid = Uint8Array.from({ length: 16 }, (_, i) => i);
    const frame = encodeFrame(
      [
        { name: "t", type: "bool", value: true },
        { name: "f", type: "bool", value: false },
        { name: "n", type: "int32", value: -42 },
        { name: "big", type: "int64", value: 1_700_000_000_000n },
        { name: "id", type: "uuid", value: uuid },
      ],
      new Uint8Array(0),
    );
    const [message] = await decodeAll([frame]);
    expect(message!.headers).toEqual({ t: true, f: false, n: -42, big: 1_700_000_000_000, id: "00010203-0405-0607-0809-0a0b0c0d0e0f" });
    expect(message!.payload).toHaveLength(0);
  });

  it("rejects a corrupted payload (message CRC)", async () => {
    const frame = event("messageStop", { stopReason: "end_turn" });
    frame[frame.length - 6]! ^= 0xff;
    await expect(decodeAll([frame])).rejects.toThrow(/message CRC/);
  });

  it("rejects a corrupted prelude before buffering the claimed length", async () => {
    const frame = event("messageStop", { stopReason: "end_turn" });
    frame[1] = 0x7f; // claims ~2 GB
    await expect(decodeAll([frame.subarray(0, 12)])).rejects.toThrow(/prelude CRC/);
  });

  it("rejects a stream that ends inside a frame", async () => {
    const frame = event("messageStop", { stopReason: "end_turn" });
    await expect(decodeAll([frame.subarray(0, frame.length - 3)])).rejects.toThrow(/ended inside a frame/);
  });
});

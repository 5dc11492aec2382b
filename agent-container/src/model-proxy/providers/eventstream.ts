/** Decoder for `application/vnd.amazon.eventstream` (the framing of Bedrock ConverseStream). */

export type EventStreamHeaderValue = string | number | boolean;

export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Uint8Array;
}

const PRELUDE_LENGTH = 12;
const MIN_MESSAGE_LENGTH = 16;
// Bedrock frames are small; a huge length means a corrupt stream, not a message worth buffering.
const MAX_MESSAGE_LENGTH = 24 * 1024 * 1024;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export class EventStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventStreamError";
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function decodeHeaders(bytes: Uint8Array): Record<string, EventStreamHeaderValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: Record<string, EventStreamHeaderValue> = {};
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new EventStreamError("event stream header overruns header block");
  };
  while (pos < bytes.length) {
    need(1);
    const nameLength = view.getUint8(pos);
    pos += 1;
    need(nameLength + 1);
    const name = utf8.decode(bytes.subarray(pos, pos + nameLength));
    pos += nameLength;
    const type = view.getUint8(pos);
    pos += 1;
    let value: EventStreamHeaderValue;
    switch (type) {
      case 0:
        value = true;
        break;
      case 1:
        value = false;
        break;
      case 2:
        need(1);
        value = view.getInt8(pos);
        pos += 1;
        break;
      case 3:
        need(2);
        value = view.getInt16(pos);
        pos += 2;
        break;
      case 4:
        need(4);
        value = view.getInt32(pos);
        pos += 4;
        break;
      case 5: // int64
      case 8: // timestamp, ms since epoch
        need(8);
        value = Number(view.getBigInt64(pos));
        pos += 8;
        break;
      case 6:
      case 7: {
        need(2);
        const length = view.getUint16(pos);
        pos += 2;
        need(length);
        const raw = bytes.subarray(pos, pos + length);
        value = type === 7 ? utf8.decode(raw) : base64(raw);
        pos += length;
        break;
      }
      case 9: {
        need(16);
        const h = hex(bytes.subarray(pos, pos + 16));
        value = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        pos += 16;
        break;
      }
      default:
        throw new EventStreamError(`unknown event stream header type ${type} for header ${name}`);
    }
    headers[name] = value;
  }
  return headers;
}

/** Decodes one complete frame (its length already known to match `frame.length`). */
export function decodeMessage(frame: Uint8Array): EventStreamMessage {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const totalLength = view.getUint32(0);
  const headersLength = view.getUint32(4);
  if (totalLength !== frame.length) throw new EventStreamError("event stream frame length mismatch");
  if (crc32(frame.subarray(0, 8)) !== view.getUint32(8)) throw new EventStreamError("event stream prelude CRC mismatch");
  if (crc32(frame.subarray(0, totalLength - 4)) !== view.getUint32(totalLength - 4)) {
    throw new EventStreamError("event stream message CRC mismatch");
  }
  const headersEnd = PRELUDE_LENGTH + headersLength;
  if (headersEnd > totalLength - 4) throw new EventStreamError("event stream headers overrun the frame");
  return {
    headers: decodeHeaders(frame.subarray(PRELUDE_LENGTH, headersEnd)),
    payload: frame.slice(headersEnd, totalLength - 4),
  };
}

/** Reassembles frames from arbitrarily split chunks. */
export function eventStreamDecoder(): TransformStream<Uint8Array, EventStreamMessage> {
  let buffer = new Uint8Array(64 * 1024);
  let length = 0;
  let preludeChecked = false;

  const append = (chunk: Uint8Array) => {
    if (length + chunk.length > buffer.length) {
      const grown = new Uint8Array(Math.max(buffer.length * 2, length + chunk.length));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(chunk, length);
    length += chunk.length;
  };

  return new TransformStream<Uint8Array, EventStreamMessage>({
    transform(chunk, controller) {
      append(chunk);
      for (;;) {
        if (length < PRELUDE_LENGTH) return;
        const view = new DataView(buffer.buffer, 0, length);
        const totalLength = view.getUint32(0);
        if (!preludeChecked) {
          // Check the prelude before trusting its length, so garbage fails fast instead of buffering.
          if (crc32(buffer.subarray(0, 8)) !== view.getUint32(8)) {
            throw new EventStreamError("event stream prelude CRC mismatch");
          }
          if (totalLength < MIN_MESSAGE_LENGTH || totalLength > MAX_MESSAGE_LENGTH) {
            throw new EventStreamError(`invalid event stream frame length ${totalLength}`);
          }
          preludeChecked = true;
        }
        if (length < totalLength) return;
        controller.enqueue(decodeMessage(buffer.slice(0, totalLength)));
        buffer.copyWithin(0, totalLength, length);
        length -= totalLength;
        preludeChecked = false;
      }
    },
    flush() {
      if (length > 0) throw new EventStreamError(`event stream ended inside a frame (${length} bytes pending)`);
    },
  });
}

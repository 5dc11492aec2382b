/** Signed requests older (or newer) than this are refused: a captured request cannot be replayed later. */
export const REPLAY_WINDOW_S = 300;

/** A Unix-seconds timestamp header within the window of now. */
export function freshTimestamp(header: string | undefined, nowMs = Date.now()): boolean {
  if (!header || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(nowMs / 1000 - Number(header)) <= REPLAY_WINDOW_S;
}

/** A verified body that is not JSON is acknowledged and ignored, not a 500. */
export function parseJson<T>(raw: string): T | null {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

const encoder = new TextEncoder();
export const utf8 = (text: string) => encoder.encode(text);

export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hex to bytes, or null if it is not even-length hex. */
export function fromHex(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return null;
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

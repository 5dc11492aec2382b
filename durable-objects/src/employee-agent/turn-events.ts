import { formatSse, type ChatResult, type ToolEvent } from "@clawgate/contracts";
import type { TurnRow } from "./turn-store.ts";

export type TurnOutcome = { ok: true; result: ChatResult; duplicate: boolean } | { ok: false; error: { code: string; message: string } };

export type TurnEvent =
  | { type: "delta"; text: string }
  | { type: "tool"; event: ToolEvent }
  | { type: "result"; result: ChatResult }
  | { type: "error"; error: { code: string; message: string } };

/** Who waits on which running turn: `send` callers and `stream` readers, in this object's memory. */
export class TurnListeners {
  readonly #listeners = new Map<string, Set<(event: TurnEvent) => void>>();

  subscribe(turnId: string, listener: (event: TurnEvent) => void): () => void {
    const set = this.#listeners.get(turnId) ?? new Set();
    set.add(listener);
    this.#listeners.set(turnId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.#listeners.delete(turnId);
    };
  }

  emit(turnId: string, event: TurnEvent): void {
    for (const listener of [...(this.#listeners.get(turnId) ?? [])]) listener(event);
  }

  /** Resolves with the turn's result or error once it is emitted. */
  outcome(turnId: string, duplicate: boolean): Promise<TurnOutcome> {
    return new Promise<TurnOutcome>((resolve) => {
      this.subscribe(turnId, (event) => {
        if (event.type === "result") resolve({ ok: true, result: event.result, duplicate });
        if (event.type === "error") resolve({ ok: false, error: event.error });
      });
    });
  }

  /** The turn as server-sent events: delta, tool, then result | error; a settled turn is its outcome alone. */
  stream(turnId: string, settled: TurnOutcome | null): ReadableStream<Uint8Array> {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const encoder = new TextEncoder();
    // A client that went away must not fail the turn: it still completes and is persisted.
    const write = (event: string, data: unknown) => writer.write(encoder.encode(formatSse(event, data))).catch(() => undefined);
    const close = () => writer.close().catch(() => undefined);
    if (settled) {
      void (settled.ok ? write("result", settled.result) : write("error", { error: settled.error })).then(close);
      return readable;
    }
    const unsubscribe = this.subscribe(turnId, (event) => {
      if (event.type === "delta") void write("delta", { text: event.text });
      else if (event.type === "tool") void write("tool", event.event);
      else {
        void (event.type === "result" ? write("result", event.result) : write("error", { error: event.error })).then(close);
        unsubscribe();
      }
    });
    return readable;
  }
}

/** A turn already finished answers at once: a duplicate message gets the first one's reply. */
export function settledOutcome(turn: TurnRow, duplicate: boolean): TurnOutcome | null {
  if (turn.status === "done" && turn.result) return { ok: true, result: JSON.parse(turn.result) as ChatResult, duplicate };
  if (turn.status === "failed") return { ok: false, error: { code: "turn_failed", message: `Your agent could not answer: ${turn.error ?? "unknown error"}` } };
  return null;
}

import { useSyncExternalStore } from "react";
import { getInbox } from "../../../portalApi.ts";

/**
 * The inbox's unread count, shared by the navigation badge and the Reminders page so that marking
 * a notification read there updates the badge at once instead of at the next poll.
 */
let unread: number | null = null;
const listeners = new Set<() => void>();

export function setUnreadCount(count: number | null): void {
  unread = count;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnreadCount(): number | null {
  return useSyncExternalStore(subscribe, () => unread);
}

/** Asks the server; a failure keeps the last count (the badge is a hint, the page shows the truth). */
export async function refreshUnreadCount(signal?: AbortSignal): Promise<void> {
  try {
    setUnreadCount((await getInbox(signal, 1)).unread);
  } catch {
    // Signed out, offline or aborted: nothing to show that the last answer did not.
  }
}

import { useEffect } from "react";

/**
 * Calls `refresh` every `intervalMs` while the tab is visible, and once as soon as it becomes
 * visible again: a page left open in a background tab costs the API nothing, and is current the
 * moment someone looks at it.
 */
export function useRefreshWhileVisible(refresh: () => void, intervalMs: number): void {
  useEffect(() => {
    const visible = () => document.visibilityState === "visible";
    const timer = window.setInterval(() => {
      if (visible()) refresh();
    }, intervalMs);
    const onVisibility = () => {
      if (visible()) refresh();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [refresh, intervalMs]);
}

import { useCallback, useEffect, useState } from "react";
import { describeError, isAbort } from "../../errors.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";

const STRINGS = defineStrings({
  en: { couldNotLoad: (what: string) => `Could not load ${what}.`, reload: (message: string) => `${message} Reload the page to try again.` },
  // Chinese runs sentences together, without the space.
  zh: { couldNotLoad: (what: string) => `无法加载${what}。`, reload: (message: string) => `${message}请刷新页面重试。` },
});

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

/**
 * Loads a page's data on mount and on `reload()`; a failure becomes a message naming what could not
 * be loaded, and a reload after a change keeps the old data on screen until the new data arrives.
 * `what` is in the UI language (from the caller's own strings): it is set into a translated sentence.
 */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, what: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  // Kept as it came and worded at render, so the message follows a later language switch.
  const [failure, setFailure] = useState<unknown>(null);
  const t = useStrings(STRINGS);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((value) => {
        setData(value);
        setFailure(null);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setFailure(err ?? new Error());
      });
    return () => controller.abort();
    // `load` must be stable (module-level or memoised); `what` only words the message.
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const error = failure ? t.reload(describeError(failure, t.couldNotLoad(what))) : null;
  return { data, error, reload };
}

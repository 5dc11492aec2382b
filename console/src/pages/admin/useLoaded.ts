import { useCallback, useEffect, useState } from "react";
import { describeError, isAbort } from "../../errors.ts";

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

/**
 * Loads a page's data on mount and on `reload()`; a failure becomes a message naming what could not
 * be loaded, and a reload after a change keeps the old data on screen until the new data arrives.
 */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, what: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((value) => {
        setData(value);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(`${describeError(err, `Could not load ${what}.`)} Reload the page to try again.`);
      });
    return () => controller.abort();
    // `load` must be stable (module-level or memoised); `what` only words the message.
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, reload };
}

/** Runs a change, then reports `done` (and reloads) or the failure worded with `failed` as the fallback. */
export type Act = (run: () => Promise<unknown>, done: string, failed: string) => Promise<void>;

/** Runs a change, then reports `done` (and reloads) or the failure, worded with `failed` as the fallback; true when it worked. */
export type KbAct = (run: () => Promise<unknown>, done: string, failed: string) => Promise<boolean>;

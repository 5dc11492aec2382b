/**
 * The time schedules are computed and fired against. Tests replace `now` to walk a schedule across
 * days (and DST changes) without faking timers for the whole runtime.
 */
export const scheduleClock = { now: (): number => Date.now() };

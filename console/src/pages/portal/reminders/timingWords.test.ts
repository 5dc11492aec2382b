import { describe, expect, it } from "vitest";
import { cronInWords, intervalInWords, TIMING_STRINGS } from "./timingWords.ts";

const en = TIMING_STRINGS.en;
const zh = TIMING_STRINGS.zh;

describe("schedule timing in words", () => {
  it.each([
    ["0 7 * * *", "Every day at 07:00"],
    ["30 7 * * 1-5", "Every weekday at 07:30"],
    ["0 9 * * MON-FRI", "Every weekday at 09:00"],
    ["0 10 * * 0,6", "Every Saturday and Sunday at 10:00"],
    ["0 9 * * 1,3", "Every Monday, Wednesday at 09:00"],
    ["0 9 * * 7", "Every Sunday at 09:00"],
    ["0 9 * * 0-6", "Every day at 09:00"],
    ["0 8 1 * *", "On day 1 of every month at 08:00"],
    ["15 * * * *", "Every hour at :15"],
    ["*/30 * * * *", "Every 30 minutes"],
    ["0 */2 * * *", "Every 2 hours"],
    ["0 9 * 1 *", "On a custom schedule"],
    ["0 9 1 * 1", "On a custom schedule"],
    ["0 9-17 * * *", "On a custom schedule"],
    ["not a cron", "On a custom schedule"],
  ])("%s → %s", (expr, words) => expect(cronInWords(expr, en)).toBe(words));

  it("speaks Chinese", () => {
    expect(cronInWords("0 7 * * 1-5", zh)).toBe("每个工作日 07:00");
    expect(cronInWords("0 9 * * 1,3", zh)).toBe("每周一、周三 09:00");
  });

  it("names intervals in the largest whole unit", () => {
    expect(intervalInWords(30 * 60_000, en)).toBe("Every 30 minutes");
    expect(intervalInWords(2 * 3_600_000, en)).toBe("Every 2 hours");
    expect(intervalInWords(86_400_000, en)).toBe("Every day");
    expect(intervalInWords(90 * 60_000, en)).toBe("Every 90 minutes");
  });
});

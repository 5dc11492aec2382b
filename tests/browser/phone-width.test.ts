import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { consoleUrl, screenshot, signIn, useBrowser, watchErrors, watchOrigins } from "./console.ts";

/** How far the page is wider than the phone's screen (0: no horizontal scrolling). */
const overflow = (page: Page) =>
  page.locator("html").evaluate((html) => {
    // The node tsconfig has no DOM lib; only these two numbers are read.
    const root = html as unknown as { scrollWidth: number; clientWidth: number };
    return root.scrollWidth - root.clientWidth;
  });

describe("the portal on a phone (360 × 740)", () => {
  const browser = useBrowser();

  it("chat, profile, Connect IM, usage, My Skills and reminders fit the screen with no horizontal scroll", async () => {
    const context = await browser().newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const origins = watchOrigins(page);
    await signIn(page, "emp-carol");
    const errors = watchErrors(page);

    // Each page by its address (the phone menu folds the links away), waiting for its content.
    const testId = (id: string) => `[data-testid="${id}"]`;
    const pages: [string, string, string][] = [
      ["/", testId("chat-input"), "phone-chat"],
      ["/profile", testId("twin-status"), "phone-profile"],
      ["/connect", testId("channel-telegram-status"), "phone-connect-im"],
      ["/usage", testId("usage-totals"), "phone-usage"],
      ["/my-skills", testId("my-skill"), "phone-my-skills"],
      ["/reminders", `${testId("schedules")}, ${testId("schedules-empty")}`, "phone-reminders"],
    ];
    for (const [path, ready, name] of pages) {
      await page.goto(`${consoleUrl}/#${path}`);
      await page.locator(ready).first().waitFor();
      await screenshot(page, name);
      expect(await overflow(page), `${path} scrolls sideways`).toBe(0);
    }
    expect(errors).toEqual([]);
    expect([...origins]).toEqual([consoleUrl]);
    await context.close();
  });
});

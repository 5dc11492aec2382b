import { describe, expect, it } from "vitest";
import { consoleUrl, open, screenshot, signIn, useBrowser } from "./console.ts";

describe("the digital twin", () => {
  const browser = useBrowser();

  it("emp-carol turns her twin on, a visitor chats through the link, and off it answers 404", async () => {
    const page = await browser().newPage();
    await signIn(page, "emp-carol");
    await open(page, "profile");
    await page.getByTestId("twin-enable").click();
    const url = await page.getByTestId("twin-url").inputValue();
    expect(url).toMatch(new RegExp(`^${consoleUrl}/twin/[A-Za-z0-9_-]{22,}$`));
    expect(await page.getByTestId("twin-status").getAttribute("data-enabled")).toBe("true");
    await screenshot(page, "profile-twin-on");

    const visitorContext = await browser().newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(url);
    await visitor.locator("#message").fill("who are you?");
    await visitor.locator("#chat button[type=submit]").click();
    const reply = visitor.locator("#log li.assistant").first();
    // The page shows "…" until the first delta; the submit button comes back when the turn is over.
    await visitor.locator("#chat button[type=submit]:not([disabled])").waitFor({ timeout: 120_000 });
    expect(await visitor.locator("#log li.notice").count()).toBe(0);
    expect((await reply.innerText()).trim()).not.toMatch(/^(…)?$/);
    await screenshot(visitor, "twin-visitor");

    // The visitor's question shows up in Carol's list of twin conversations.
    await page.getByTestId("twin-refresh").click();
    await expect.poll(() => page.getByTestId("twin-conversations").innerText(), { timeout: 30_000 }).toContain("who are you?");

    await page.getByTestId("twin-disable").click();
    await expect.poll(() => page.getByTestId("twin-status").getAttribute("data-enabled")).toBe("false");
    const gone = await visitor.goto(url);
    expect(gone?.status()).toBe(404);
    await visitorContext.close();
    await page.close();
  });
});

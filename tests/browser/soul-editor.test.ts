import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { open, screenshot, signIn, useBrowser } from "./console.ts";

describe("the SOUL editor", () => {
  const browser = useBrowser();

  it("a save warns how many agents it reaches, shows in history and diff, and a stale edit is refused", async () => {
    const openPersonalLayer = async (page: Page) => {
      await signIn(page, "emp-jiade");
      await open(page, "soul");
      await page.getByTestId("soul-layer").selectOption("personal");
      await page.getByTestId("soul-scope").selectOption("emp-jiade");
      await page.locator('[data-testid="soul-text"][data-scope-id="emp-jiade"]').waitFor();
    };
    const first = await browser().newPage();
    const second = await (await browser().newContext()).newPage();
    await openPersonalLayer(first);
    await openPersonalLayer(second);

    const original = await first.getByTestId("soul-text").inputValue();
    await first.getByTestId("soul-text").fill(`${original}\nPrefer diagrams over prose.`);
    await first.getByTestId("soul-save").click();
    expect(await first.getByTestId("soul-warning").innerText()).toMatch(/reaches 1 agent/);
    await first.getByTestId("soul-confirm").click();
    await expect.poll(() => first.getByTestId("soul-message").innerText()).toMatch(/Saved version \d+; 1 agent/);
    await first.getByTestId("soul-history").getByRole("button", { name: "Diff" }).first().click();
    expect(await first.getByTestId("soul-diff").innerText()).toContain("+Prefer diagrams over prose.");
    await screenshot(first, "soul-editor-saved");

    // The second tab still edits the version before: the server answers 409 and nothing is overwritten.
    await second.getByTestId("soul-text").fill(`${original}\nSomething else.`);
    await second.getByTestId("soul-save").click();
    await second.getByTestId("soul-confirm").click();
    await expect.poll(() => second.getByTestId("soul-message").innerText()).toMatch(/Someone saved this layer while you were editing/);
    await second.reload();
    await second.getByTestId("soul-layer").selectOption("personal");
    await second.getByTestId("soul-scope").selectOption("emp-jiade");
    await second.locator('[data-testid="soul-text"][data-scope-id="emp-jiade"]').waitFor();
    await expect.poll(() => second.getByTestId("soul-text").inputValue()).toContain("Prefer diagrams over prose.");
    await first.close();
    await second.context().close();
  });
});

import { describe, expect, it } from "vitest";
import { ask, consoleUrl, open, screenshot, signIn, useBrowser } from "./console.ts";

describe("the admin pages", () => {
  const browser = useBrowser();

  it("Skills catalog, Knowledge, Audit with a CSV export, Usage & Cost chart, IM Channels", async () => {
    const page = await browser().newPage();
    await signIn(page, "emp-jiade");
    // A turn of this story's own, so the cost chart has this month's usage whatever ran before.
    await ask(page, "who are you?");

    await open(page, "skills");
    await page.locator('[data-testid="skill-row"][data-skill="github"]').waitFor();
    await screenshot(page, "admin-skills");

    await open(page, "knowledge");
    await expect.poll(() => page.getByTestId("kb-select").locator("option").allInnerTexts()).toContain("Company Policies");
    await screenshot(page, "admin-knowledge");

    await open(page, "audit");
    // The sign-ins of this very test run are in the trail.
    await expect.poll(() => page.getByTestId("audit-event").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-type")))).toContain("auth.login");
    const csvHref = await page.getByTestId("audit-export-csv").getAttribute("href");
    const csv = await page.request.get(new URL(csvHref!, consoleUrl).toString());
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain("auth.login");
    await screenshot(page, "admin-audit");

    await open(page, "cost");
    await page.getByTestId("cost-department-chart").locator("svg.recharts-surface").waitFor();
    await screenshot(page, "admin-usage-cost");

    await open(page, "channels");
    // Configured through scripts/dev.mjs passing the TELEGRAM_* settings to the Worker.
    expect(await page.getByTestId("channel-telegram").locator("[data-configured]").getAttribute("data-configured")).toBe("true");
    await screenshot(page, "admin-im-channels");
    await page.close();
  });
});

import { describe, expect, it } from "vitest";
import { ask, consoleUrl, open, screenshot, signIn, useBrowser, watchErrors, watchOrigins } from "./console.ts";

/**
 * Every main page opens with real data from the running stack and without a console error or a
 * failed request; each leaves a screenshot for people to look at.
 */
describe("the console's pages load with real data", () => {
  const browser = useBrowser();

  it("admin emp-jiade: Dashboard, Agent Factory, Monitor, Models & Pricing, Settings, Security Center and the IT assistant", async () => {
    const page = await browser().newPage();
    const origins = watchOrigins(page);
    await signIn(page, "emp-jiade");
    const errors = watchErrors(page);
    // A turn of this story's own, for the dashboard's counts and the monitor's recent turns.
    await ask(page, "who are you?");

    await open(page, "dashboard");
    await page.getByTestId("checklist-item").first().waitFor();
    await page.locator('[data-testid^="dashboard-count-"]').first().waitFor();
    await page.getByTestId("activity-row").first().waitFor();
    await screenshot(page, "admin-dashboard");

    await open(page, "agents");
    await page.getByTestId("agent-row").first().waitFor();
    expect(await page.getByTestId("agent-row").count()).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Details of Carol Zhang's agent" }).click();
    await page.getByTestId("agent-route-reason").waitFor();
    expect(await page.getByTestId("agent-detail").innerText()).toContain("Finance Analyst");
    await screenshot(page, "admin-agent-factory");

    await open(page, "monitor");
    await page.getByTestId("turn-row").first().waitFor();
    await screenshot(page, "admin-monitor");

    await open(page, "models");
    await page.getByTestId("model-row").first().waitFor();
    await page.getByTestId("models-prices").waitFor();
    await screenshot(page, "admin-models-pricing");

    await open(page, "settings");
    await page.getByTestId("settings-form").waitFor();
    await screenshot(page, "admin-settings");

    await open(page, "security");
    await page.getByTestId("runtime-row").first().waitFor();
    await page.getByTestId("guardrail-row").first().waitFor();
    await screenshot(page, "admin-security-center");

    // The IT admin assistant floats over the admin pages; offline it maps this phrase to a tool call.
    await page.getByTestId("assistant-open").click();
    await page.getByTestId("assistant-input").fill("list employees in Finance");
    await page.getByTestId("assistant-send").click();
    await page.getByTestId("assistant-tool-chip").first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId("assistant-assistant").last().innerText(), { timeout: 60_000 }).toContain("Carol");
    await screenshot(page, "admin-assistant");

    expect(errors).toEqual([]);
    // No fonts, scripts, images or analytics from anywhere else.
    expect([...origins]).toEqual([consoleUrl]);
    await page.close();
  });

  it("employee emp-carol: Reminders with the one she just asked for, My Skills, and her memory on Profile", async () => {
    const page = await browser().newPage();
    const origins = watchOrigins(page);
    await signIn(page, "emp-carol");
    const errors = watchErrors(page);
    await ask(page, "remind me in 10 minutes to check my email");
    await ask(page, "remember that I prefer morning meetings");

    await open(page, "reminders");
    await expect.poll(() => page.getByTestId("schedule").allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/check my email/));
    await screenshot(page, "portal-reminders");

    await open(page, "my-skills");
    await page.getByTestId("my-skill").first().waitFor();
    await screenshot(page, "portal-my-skills");

    await open(page, "profile");
    // The note the agent just wrote to its memory, checkpointed by her agent's Durable Object.
    const memory = page.locator('[data-testid="memory-file"][data-path="MEMORY.md"]');
    await memory.waitFor({ timeout: 30_000 });
    expect(await memory.textContent()).toContain("I prefer morning meetings");
    await screenshot(page, "portal-profile");

    expect(errors).toEqual([]);
    // No fonts, scripts, images or analytics from anywhere else.
    expect([...origins]).toEqual([consoleUrl]);
    await page.close();
  });
});

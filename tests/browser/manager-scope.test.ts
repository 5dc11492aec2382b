import { describe, expect, it } from "vitest";
import { ask, open, screenshot, signIn, useBrowser, watchErrors } from "./console.ts";

describe("a manager's scope", () => {
  const browser = useBrowser();

  it("manager emp-mike sees his own department only: emp-carol is not in his employee list", async () => {
    const page = await browser().newPage();
    await signIn(page, "emp-mike");
    await open(page, "organization");
    const rows = page.getByTestId("employee-row");
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((all) => all.map((row) => row.getAttribute("data-employee-id")));
    expect(ids).toContain("emp-mike");
    expect(ids).not.toContain("emp-carol");
    await screenshot(page, "manager-organization");

    await open(page, "soul");
    await page.getByTestId("soul-text").waitFor();
    await screenshot(page, "soul-editor");
    await open(page, "playground");
    await page.getByTestId("playground-employee").selectOption("emp-mike");
    await page.getByTestId("playground-pipeline").waitFor({ timeout: 30_000 });
    const reply = await ask(page, "who are you?");
    expect(reply.text).toContain("Mike Johnson");
    await screenshot(page, "playground");
    await page.close();
  });

  it("manager emp-mike's Dashboard and Monitor count his department's turns, not Finance's", async () => {
    // A turn outside his department, from Carol (Finance), and one of his own.
    const carol = await browser().newPage();
    await signIn(carol, "emp-carol");
    await ask(carol, "who are you?");
    await carol.close();

    const page = await browser().newPage();
    await signIn(page, "emp-mike");
    await ask(page, "who are you?");
    const errors = watchErrors(page);
    await open(page, "monitor");
    await page.getByTestId("turn-row").first().waitFor();
    const turnsBy = await page.getByTestId("turn-row").allInnerTexts();
    expect(turnsBy.some((row) => row.includes("Mike Johnson"))).toBe(true);
    expect(turnsBy.some((row) => row.includes("Carol Zhang"))).toBe(false);
    await screenshot(page, "manager-monitor");

    await open(page, "dashboard");
    await page.getByTestId("activity-row").first().waitFor();
    expect((await page.getByTestId("activity-row").allInnerTexts()).some((row) => row.includes("Carol Zhang"))).toBe(false);
    // The setup checklist is the admins'.
    expect(await page.getByTestId("checklist-item").count()).toBe(0);
    await screenshot(page, "manager-dashboard");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("manager emp-mike has the shared admin pages but not the admin-only IM Channels", async () => {
    const page = await browser().newPage();
    await signIn(page, "emp-mike");
    for (const item of ["skills", "knowledge", "audit", "cost"]) expect(await page.getByTestId(`nav-${item}`).count()).toBe(1);
    expect(await page.getByTestId("nav-channels").count()).toBe(0);
    // The review queue is the admins'; a manager's Skills page does not offer it.
    await open(page, "skills");
    await page.getByTestId("skills-catalog").waitFor();
    expect(await page.getByRole("heading", { name: "Review queue" }).count()).toBe(0);
    await page.close();
  });
});

import { describe, expect, it } from "vitest";
import { ask, consoleUrl, open, screenshot, signIn, useBrowser } from "./console.ts";

describe("signing in and chatting", () => {
  const browser = useBrowser();

  it("rejects a wrong password with a message and stays on the sign-in page", async () => {
    const page = await browser().newPage();
    await page.goto(consoleUrl);
    await page.getByTestId("login-employee-id").fill("emp-carol");
    await page.getByTestId("login-password").fill("not-the-password");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("login-error").isVisible()).toBe(true);
    expect(await page.getByTestId("chat-input").count()).toBe(0);
    await screenshot(page, "login-error");
    await page.close();
  });

  it("emp-carol: the agent knows who she is, labels the offline model, and refuses to run a shell command", async () => {
    const page = await browser().newPage();
    await signIn(page, "emp-carol");
    expect(await page.getByTestId("whoami").innerText()).toContain("Carol Zhang");
    await expect.poll(() => page.getByTestId("offline-banner").isVisible()).toBe(true);

    const intro = await ask(page, "who are you?");
    expect(intro.text).toContain("Carol Zhang");
    expect(intro.text).toContain("Finance Analyst");

    const refused = await ask(page, "run git status");
    expect(refused.text).toMatch(/permission/i);
    expect(refused.tools.filter((t) => t.allowed)).toEqual([]);

    await page.getByTestId("signout").click();
    await page.getByTestId("login-submit").waitFor();
    await page.close();
  });

  it("a keyboard user signs in and chats without the mouse", async () => {
    const page = await browser().newPage();
    await page.goto(consoleUrl);
    // The employee id field has focus on arrival; Tab reaches the password, Enter submits.
    await page.getByTestId("login-employee-id").waitFor();
    await page.keyboard.type("emp-carol");
    await page.keyboard.press("Tab");
    await page.keyboard.type("acme-demo");
    await page.keyboard.press("Enter");
    // The composer takes focus once the chat is there; Enter sends.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute: (n: string) => string | null } | null } }).document.activeElement?.getAttribute("data-testid"))).toBe("chat-input");
    await page.keyboard.type("who are you?");
    await page.keyboard.press("Enter");
    const bubble = page.getByTestId("chat-message-agent").last();
    await bubble.and(page.locator('[data-state="done"]')).waitFor({ timeout: 120_000 });
    expect(await bubble.innerText()).toContain("Carol Zhang");
    await page.close();
  });

  it("emp-ryan: the same request runs the shell tool, shown as a tool chip", async () => {
    const page = await browser().newPage();
    await signIn(page, "emp-ryan");
    const ran = await ask(page, "run git status");
    expect(ran.tools).toContainEqual({ label: "ran exec", allowed: true });
    expect(ran.text).toContain("git status");
    expect(ran.text).not.toMatch(/permission/i);

    // The transcript survives a reload: it is served by the employee's Durable Object.
    await page.reload();
    await expect.poll(() => page.getByTestId("chat-message-user").allInnerTexts()).toContain("run git status");
    await page.close();
  });

  it("admin emp-jiade creates an employee, who signs in, must change the password, and chats", async () => {
    const admin = await browser().newPage();
    await signIn(admin, "emp-jiade");
    await open(admin, "organization");
    await admin.getByTestId("create-employee-form").waitFor();
    await admin.getByTestId("new-employee-name").fill("Nina Browser");
    await admin.getByTestId("new-employee-number").fill("EMP-900");
    await admin.getByTestId("new-employee-email").fill("nina.browser@acme.example");
    await admin.getByTestId("new-employee-password").fill("Temporary-Pass-2026");
    await screenshot(admin, "organization");
    await admin.getByTestId("create-employee-submit").click();
    const result = admin.getByTestId("create-employee-result");
    await result.waitFor({ timeout: 60_000 });
    const newId = await result.getAttribute("data-created-id");
    expect(newId, await result.innerText()).toMatch(/^emp-/);
    await expect.poll(() => admin.getByTestId("employee-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-employee-id")))).toContain(newId);
    await admin.close();

    const context = await browser().newContext();
    const employee = await context.newPage();
    await signIn(employee, newId!, "Temporary-Pass-2026");
    await employee.getByTestId("change-password-current").fill("Temporary-Pass-2026");
    await employee.getByTestId("change-password-new").fill("Nina-Own-Pass-2026!");
    await employee.getByTestId("change-password-confirm").fill("Nina-Own-Pass-2026!");
    await screenshot(employee, "change-password");
    await employee.getByTestId("change-password-submit").click();
    await employee.getByTestId("chat-input").waitFor();
    expect(await employee.getByTestId("whoami").innerText()).toContain("Nina Browser");
    // An employee's navigation has no admin pages.
    expect(await employee.getByTestId("nav-organization").count()).toBe(0);
    const intro = await ask(employee, "who are you?");
    expect(intro.text).toContain("Nina Browser");
    await screenshot(employee, "chat");
    await context.close();
  });
});

import { afterAll, beforeAll, expect, inject } from "vitest";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/** What every story needs to drive the console of the stack tests/browser/stack.ts started. */

export const consoleUrl = inject("consoleUrl");

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** A headless Chromium for the story file; closed after its last story. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not running yet");
    return browser;
  };
}

export type PageId =
  | "dashboard"
  | "chat"
  | "profile"
  | "connect"
  | "usage"
  | "my-skills"
  | "reminders"
  | "organization"
  | "agents"
  | "soul"
  | "playground"
  | "skills"
  | "knowledge"
  | "audit"
  | "cost"
  | "models"
  | "monitor"
  | "settings"
  | "channels"
  | "security";

/** Signs in through the sign-in page; `url` is the console's address (the Worker's unless a story serves it elsewhere). */
export async function signIn(page: Page, employeeId: string, password = "acme-demo", url = consoleUrl): Promise<void> {
  await page.goto(url);
  await page.getByTestId("login-employee-id").fill(employeeId);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  if (password !== "acme-demo") return;
  // Admins and managers land on the dashboard; every story starts from the chat, as an employee's does.
  await page.locator('[data-testid="chat-input"], [data-testid="dashboard-page"]').first().waitFor();
  if ((await page.getByTestId("dashboard-page").count()) > 0) await open(page, "chat");
  await page.getByTestId("chat-input").waitFor();
}

// The console scrolls inside each page's <main> (so the chat can keep its composer in view); for the
// picture only, let pages grow to their full height so the screenshot shows all of it.
const WHOLE_PAGE_CSS = "html, body, #root, .app { height: auto !important; } .page { flex: none !important; overflow: visible !important; }";

/** Saves a full-page screenshot for people to look at (the folder is printed when the stack starts). */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Pages outside the console (the twin's, with its strict CSP) refuse the style and are shot as they are.
  const style = await page.addStyleTag({ content: WHOLE_PAGE_CSS }).catch(() => null);
  try {
    await page.screenshot({ path: join(inject("screenshotDir"), `${name}.png`), fullPage: true });
  } finally {
    await style?.evaluate((node) => (node as unknown as { remove: () => void }).remove());
  }
}

/** Opens a page of the console through its navigation bar, as a keyboard or mouse user would. */
export async function open(page: Page, item: PageId): Promise<void> {
  await page.getByTestId(`nav-${item}`).click();
  await expect.poll(() => page.getByTestId(`nav-${item}`).getAttribute("aria-current")).toBe("page");
}

/** Sends a message and waits for the agent's bubble for it to finish streaming. */
export async function ask(page: Page, text: string) {
  const before = await page.getByTestId("chat-message-agent").count();
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-send").click();
  const bubble = page.getByTestId("chat-message-agent").nth(before);
  await bubble.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor({ timeout: 120_000 });
  expect(await bubble.getAttribute("data-state"), await bubble.innerText()).toBe("done");
  const message = bubble.locator("xpath=..");
  return {
    text: (await bubble.innerText()).trim(),
    tools: await message.getByTestId("tool-chip").evaluateAll((chips) =>
      chips.map((chip) => ({ label: chip.textContent?.trim() ?? "", allowed: chip.getAttribute("data-allowed") === "true" })),
    ),
  };
}

/**
 * The errors the page reports from now on: uncaught exceptions, console.error, and failed requests
 * (Chromium logs a 4xx/5xx fetch as a console error too).
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return errors;
}

/** Every origin the page requests from now on (data: URLs aside): the console makes no third-party requests. */
export function watchOrigins(page: Page): Set<string> {
  const origins = new Set<string>();
  page.on("request", (request) => {
    if (!request.url().startsWith("data:")) origins.add(new URL(request.url()).origin);
  });
  return origins;
}

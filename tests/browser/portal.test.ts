import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { freePort } from "./ports.ts";

/**
 * The quick start, as a user sees it: `npm run dev` (scripts/dev.mjs — edge Worker, both Durable
 * Objects, local D1/R2, console assets, the agent container with real OpenClaw and the offline
 * model), then the console in a real Chromium. Only the state folder and ports differ, so a
 * developer's own `npm run dev` is left alone.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
const STARTUP_TIMEOUT_MS = 240_000;

let dev: ChildProcess;
let devOutput = "";
let devExited: Promise<number | null>;
let stateDir: string;
let consoleUrl: string;
let runtimeUrl: string;
let browser: Browser;
let screenshotDir: string;

function waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolveWait, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run dev did not print ${pattern} in time:\n${devOutput.slice(-4000)}`)), timeoutMs);
    const check = () => {
      if (pattern.test(devOutput)) {
        clearTimeout(timer);
        resolveWait();
      }
    };
    dev.stdout?.on("data", check);
    dev.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run dev exited (${code}) before it was ready:\n${devOutput.slice(-4000)}`));
    });
    check();
  });
}

async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "clawgate-browser-"));
  screenshotDir = await mkdtemp(join(tmpdir(), "clawgate-screenshots-"));
  console.log(`console screenshots: ${screenshotDir}`);
  const [edgePort, runtimePort, gatewayPort, proxyPort, inspectorPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  consoleUrl = `http://127.0.0.1:${edgePort}`;
  runtimeUrl = `http://127.0.0.1:${runtimePort}`;
  dev = spawn(process.execPath, [join(ROOT, "scripts/dev.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      CLAWGATE_STATE_DIR: stateDir,
      CLAWGATE_EDGE_PORT: String(edgePort),
      CLAWGATE_RUNTIME_PORT: String(runtimePort),
      CLAWGATE_INSPECTOR_PORT: String(inspectorPort),
      OPENCLAW_GATEWAY_PORT: String(gatewayPort),
      CLAWGATE_PROXY_PORT: String(proxyPort),
      // The quick start runs on the offline model; make sure a developer's model settings don't leak in.
      BEDROCK_MODEL_ID: "",
      OPENAI_BASE_URL: "",
      // A Telegram bot "set up" so the portal offers pairing (no message reaches Telegram in these tests);
      // wrangler passes these through to the Worker only with CLOUDFLARE_INCLUDE_PROCESS_ENV.
      CLOUDFLARE_INCLUDE_PROCESS_ENV: "true",
      TELEGRAM_BOT_USERNAME: "acme_clawgate_bot",
      TELEGRAM_BOT_TOKEN: "1:browser-test",
      TELEGRAM_WEBHOOK_SECRET: "browser-test-webhook-secret",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  devExited = new Promise((resolveExit) => dev.once("exit", (code) => resolveExit(code)));
  dev.stdout?.on("data", (d: Buffer) => (devOutput += d.toString()));
  dev.stderr?.on("data", (d: Buffer) => (devOutput += d.toString()));
  await waitForOutput(/ClawGate is running/, STARTUP_TIMEOUT_MS);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}, STARTUP_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) dev.kill("SIGINT");
  await devExited;
  await rm(stateDir, { recursive: true, force: true });
}, 60_000);

async function signIn(page: Page, employeeId: string, password = "acme-demo"): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByTestId("login-employee-id").fill(employeeId);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  if (password === "acme-demo") await page.getByTestId("chat-input").waitFor();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Opens a page of the console through its navigation bar, as a keyboard or mouse user would. */
async function open(page: Page, item: "chat" | "profile" | "connect" | "usage" | "organization" | "soul" | "playground" | "skills" | "knowledge" | "audit" | "cost" | "channels"): Promise<void> {
  await page.getByTestId(`nav-${item}`).click();
  await expect.poll(() => page.getByTestId(`nav-${item}`).getAttribute("aria-current")).toBe("page");
}

/** Sends a message and waits for the agent's bubble for it to finish streaming. */
async function ask(page: Page, text: string) {
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

describe("the console on `npm run dev`", () => {
  it("rejects a wrong password with a message and stays on the sign-in page", async () => {
    const page = await browser.newPage();
    await page.goto(consoleUrl);
    await page.getByTestId("login-employee-id").fill("emp-carol");
    await page.getByTestId("login-password").fill("not-the-password");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("login-error").isVisible()).toBe(true);
    expect(await page.getByTestId("chat-input").count()).toBe(0);
    await page.close();
  });

  it("emp-carol: the agent knows who she is, labels the offline model, and refuses to run a shell command", async () => {
    const page = await browser.newPage();
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

  it("emp-ryan: the same request runs the shell tool, shown as a tool chip", async () => {
    const page = await browser.newPage();
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
    const admin = await browser.newPage();
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

    const context = await browser.newContext();
    const employee = await context.newPage();
    await signIn(employee, newId!, "Temporary-Pass-2026");
    await employee.getByTestId("change-password-current").fill("Temporary-Pass-2026");
    await employee.getByTestId("change-password-new").fill("Nina-Own-Pass-2026!");
    await employee.getByTestId("change-password-confirm").fill("Nina-Own-Pass-2026!");
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

  it("emp-carol turns her twin on, a visitor chats through the link, and off it answers 404", async () => {
    const page = await browser.newPage();
    await signIn(page, "emp-carol");
    await open(page, "profile");
    await page.getByTestId("twin-enable").click();
    const url = await page.getByTestId("twin-url").inputValue();
    expect(url).toMatch(new RegExp(`^${consoleUrl}/twin/[A-Za-z0-9_-]{22,}$`));
    expect(await page.getByTestId("twin-status").getAttribute("data-enabled")).toBe("true");
    await screenshot(page, "profile-twin-on");

    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(url);
    await visitor.locator("#message").fill("who are you?");
    await visitor.locator("#chat button[type=submit]").click();
    const reply = visitor.locator("#log li.assistant").first();
    // The page shows "…" until the first delta; the submit button comes back when the turn is over.
    await visitor.locator("#chat button[type=submit]:not([disabled])").waitFor({ timeout: 120_000 });
    expect(await visitor.locator("#log li.notice").count()).toBe(0);
    expect((await reply.innerText()).trim()).not.toMatch(/^(…)?$/);

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

  it("the portal shows a Telegram pairing QR code as an SVG image, with the deep link and the code", async () => {
    const page = await browser.newPage();
    await signIn(page, "emp-carol");
    await open(page, "connect");
    await page.getByTestId("pair-telegram").click();
    const qr = page.getByTestId("pairing-qr");
    await qr.waitFor();
    expect(await qr.evaluate((img) => img.tagName)).toBe("IMG");
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    // The image actually decodes (a broken SVG would have naturalWidth 0).
    await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const code = (await page.getByTestId("pairing-code").innerText()).trim();
    expect(await page.getByTestId("pairing-link").getAttribute("href")).toBe(`https://t.me/acme_clawgate_bot?start=${code}`);
    await expect.poll(() => page.getByTestId("channel-telegram-status").innerText()).toMatch(/waiting for the code/i);
    await screenshot(page, "connect-im");

    await open(page, "usage");
    await page.getByTestId("usage-totals").waitFor();
    await screenshot(page, "usage");
    await page.close();
  });

  it("manager emp-mike sees his own department only: emp-carol is not in his employee list", async () => {
    const page = await browser.newPage();
    await signIn(page, "emp-mike");
    await open(page, "organization");
    const rows = page.getByTestId("employee-row");
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((all) => all.map((row) => row.getAttribute("data-employee-id")));
    expect(ids).toContain("emp-mike");
    expect(ids).not.toContain("emp-carol");

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

  it("SOUL editor: a save warns how many agents it reaches, shows in history and diff, and a stale edit is refused", async () => {
    const openPersonalLayer = async (page: Page) => {
      await signIn(page, "emp-jiade");
      await open(page, "soul");
      await page.getByTestId("soul-layer").selectOption("personal");
      await page.getByTestId("soul-scope").selectOption("emp-jiade");
      await page.locator('[data-testid="soul-text"][data-scope-id="emp-jiade"]').waitFor();
    };
    const first = await browser.newPage();
    const second = await (await browser.newContext()).newPage();
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

  it("admin pages: Skills catalog, Knowledge, Audit with a CSV export, Usage & Cost chart, IM Channels", async () => {
    const page = await browser.newPage();
    await signIn(page, "emp-jiade");
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
    // Carol's, Ryan's and the new employee's turns above were priced or counted this month.
    await page.getByTestId("cost-department-chart").locator("svg.recharts-surface").waitFor();
    await screenshot(page, "admin-usage-cost");

    await open(page, "channels");
    expect(await page.getByTestId("channel-telegram").locator("[data-configured]").getAttribute("data-configured")).toBe("true");
    await screenshot(page, "admin-im-channels");
    await page.close();
  });

  it("manager emp-mike has the shared admin pages but not the admin-only IM Channels", async () => {
    const page = await browser.newPage();
    await signIn(page, "emp-mike");
    for (const item of ["skills", "knowledge", "audit", "cost"]) expect(await page.getByTestId(`nav-${item}`).count()).toBe(1);
    expect(await page.getByTestId("nav-channels").count()).toBe(0);
    // The review queue is the admins'; a manager's Skills page does not offer it.
    await open(page, "skills");
    await page.getByTestId("skills-catalog").waitFor();
    expect(await page.getByRole("heading", { name: "Review queue" }).count()).toBe(0);
    await page.close();
  });

  it("Ctrl-C stops the edge, the container and OpenClaw", async () => {
    dev.kill("SIGINT");
    expect(await devExited).toBe(0);
    expect(await refusesConnections(consoleUrl)).toBe(true);
    expect(await refusesConnections(`${runtimeUrl}/ping`)).toBe(true);
  });
});

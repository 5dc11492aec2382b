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

async function signIn(page: Page, employeeId: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByTestId("login-employee-id").fill(employeeId);
  await page.getByTestId("login-password").fill("acme-demo");
  await page.getByTestId("login-submit").click();
  await page.getByTestId("chat-input").waitFor();
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

  it("Ctrl-C stops the edge, the container and OpenClaw", async () => {
    dev.kill("SIGINT");
    expect(await devExited).toBe(0);
    expect(await refusesConnections(consoleUrl)).toBe(true);
    expect(await refusesConnections(`${runtimeUrl}/ping`)).toBe(true);
  });
});

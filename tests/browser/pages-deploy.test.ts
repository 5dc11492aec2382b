import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ask, open, signIn, screenshot, useBrowser, watchOrigins } from "./console.ts";
import { freePort } from "./ports.ts";

/**
 * The console as deployed to Cloudflare Pages: `wrangler pages dev` serves console/dist with the
 * Pages Functions of console/functions, and its EDGE service binding (console/wrangler.toml) reaches
 * the Worker of the running stack. The browser only ever talks to the Pages origin.
 */

const ROOT = resolve(import.meta.dirname, "../..");
let pages: ChildProcess;
let pagesUrl: string;
let persistDir: string;
let output = "";

beforeAll(async () => {
  persistDir = await mkdtemp(join(tmpdir(), "clawgate-pages-"));
  const [port, inspectorPort] = await Promise.all([freePort(), freePort()]);
  pagesUrl = `http://127.0.0.1:${port}`;
  pages = spawn(
    process.execPath,
    [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "pages", "dev", "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(inspectorPort), "--persist-to", persistDir, "--show-interactive-dev-session=false"],
    {
      cwd: join(ROOT, "console"),
      env: { ...process.env, WRANGLER_REGISTRY_PATH: inject("registryPath"), WRANGLER_SEND_METRICS: "false" },
      // Its own process group, so stopping it stops its workerd too.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  pages.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  pages.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`wrangler pages dev did not bind EDGE to the stack in time:\n${output.slice(-3000)}`)), 120_000);
    const check = () => {
      if (!/Ready on/.test(output) || !/env\.EDGE \(clawgate\).*\[connected\]/.test(output)) return;
      clearTimeout(timer);
      ready();
    };
    pages.stdout?.on("data", check);
    pages.stderr?.on("data", check);
    pages.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`wrangler pages dev exited (${code}):\n${output.slice(-3000)}`));
    });
  });
}, 150_000);

afterAll(async () => {
  if (pages?.pid && pages.exitCode === null) {
    const exited = new Promise((done) => pages.once("exit", done));
    process.kill(-pages.pid, "SIGTERM");
    const timer = setTimeout(() => process.kill(-pages.pid!, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(persistDir, { recursive: true, force: true });
}, 30_000);

describe("the console on Cloudflare Pages, in front of the Worker", () => {
  const browser = useBrowser();

  it("signs in, streams a chat reply and makes twin links on the Pages origin, all through the EDGE binding", async () => {
    const page = await browser().newPage();
    const origins = watchOrigins(page);
    await signIn(page, "emp-carol", "acme-demo", pagesUrl);
    const cookies = await page.context().cookies(pagesUrl);
    expect(cookies.find((cookie) => cookie.name === "cg_session")?.httpOnly).toBe(true);

    const intro = await ask(page, "who are you?");
    expect(intro.text).toContain("Carol Zhang");

    await open(page, "profile");
    await page.getByTestId("twin-enable").click();
    const url = await page.getByTestId("twin-url").inputValue();
    expect(url.startsWith(`${pagesUrl}/twin/`)).toBe(true);
    const twin = await page.request.get(url);
    expect(twin.status()).toBe(200);
    await page.getByTestId("twin-disable").click();
    await expect.poll(() => page.getByTestId("twin-status").getAttribute("data-enabled")).toBe("false");
    await screenshot(page, "pages-profile");

    // Same origin for the page, its API calls, the stream and the twin: the session cookie is first-party.
    expect([...origins]).toEqual([pagesUrl]);
    await page.close();
  });
});

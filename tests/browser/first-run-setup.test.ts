import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { screenshot, useBrowser, watchErrors } from "./console.ts";
import { freePort } from "./ports.ts";

/**
 * A production-like first start: the Worker under `wrangler dev` on an empty database (migrations
 * only, no demo org) with a SETUP_TOKEN secret. The operator opens the console, creates the first
 * admin from the sign-in page and lands in the admin console; setup is closed from then on.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const SETUP_TOKEN = "browser-first-run-setup-token-0123456789abcdef";
let worker: ChildProcess;
let url: string;
let stateDir: string;
let output = "";

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "clawgate-first-run-"));
  const persist = join(stateDir, "state");
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_REGISTRY_PATH: join(stateDir, "registry") };
  await promisify(execFile)(process.execPath, [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], { cwd: ROOT, env });
  const [port, inspectorPort] = await Promise.all([freePort(), freePort()]);
  url = `http://127.0.0.1:${port}`;
  const vars = { SETUP_TOKEN, SESSION_SECRET: "browser-first-run-session-secret-0123456789" };
  worker = spawn(
    process.execPath,
    [
      WRANGLER, "dev", "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(inspectorPort), "--persist-to", persist, "--show-interactive-dev-session=false",
      ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ],
    // Its own process group, so stopping it stops its workerd too.
    { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  worker.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  worker.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  for (const deadline = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 300))) {
    if (worker.exitCode !== null) throw new Error(`wrangler dev exited:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start in time:\n${output.slice(-3000)}`);
    if ((await fetch(`${url}/api/health`).catch(() => null))?.ok) break;
  }
}, 180_000);

afterAll(async () => {
  if (worker?.pid && worker.exitCode === null) {
    const exited = new Promise((done) => worker.once("exit", done));
    process.kill(-worker.pid, "SIGTERM");
    const timer = setTimeout(() => process.kill(-worker.pid!, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(stateDir, { recursive: true, force: true });
}, 30_000);

describe("first-run setup on an empty database", () => {
  const browser = useBrowser();

  it("creates the first admin from the sign-in page, signs them in, and is closed from then on", async () => {
    const page = await browser().newPage();
    await page.goto(url);
    await page.getByRole("heading", { name: "Set up ClawGate" }).waitFor();
    expect(await page.getByTestId("login-submit").count()).toBe(0);
    await page.getByLabel("Setup token").fill(SETUP_TOKEN);
    await page.getByLabel("Your employee ID").fill("it-admin");
    await page.getByLabel("Your name").fill("Ada Admin");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("Correct-Horse-9-Battery");
    await screenshot(page, "first-run-setup");
    // From here on nothing may fail: before, the app's own "who am I" answers 401, as it should.
    const errors = watchErrors(page);
    await page.getByTestId("setup-submit").click();

    // Signed in as the admin: the dashboard's setup checklist is the next step, nothing done yet but the admin.
    await page.getByTestId("checklist-item").first().waitFor();
    const pending = await page.locator('[data-testid="checklist-item"][data-done="false"]').count();
    expect(pending).toBeGreaterThan(0);
    // Only the setup itself in the activity: no failure raised by an organisation that is still empty.
    expect(await page.getByTestId("activity-row").allInnerTexts()).toEqual([expect.stringContaining("org.first_admin_created")]);
    await screenshot(page, "first-run-dashboard");
    await page.reload();
    await page.getByTestId("dashboard-page").waitFor();
    expect(errors).toEqual([]);

    await page.getByTestId("signout").click();
    await page.getByTestId("login-submit").waitFor();
    expect(await page.getByTestId("first-admin-setup").count()).toBe(0);
    // Not the demo org: no demo credentials are advertised.
    expect(await page.getByText("acme-demo").count()).toBe(0);
    expect(await (await fetch(`${url}/api/auth/setup`)).json()).toEqual({ needed: false, tokenConfigured: true, demo: false });

    await page.getByTestId("login-employee-id").fill("it-admin");
    await page.getByTestId("login-password").fill("Correct-Horse-9-Battery");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("dashboard-page").waitFor();
    await page.close();
  });
});

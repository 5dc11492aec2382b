// `wrangler dev` on a frozen copy of the Worker: the bundle and the console assets are copied to a
// temp dir first, so edits in the working tree (other people's, a `vite build`) cannot make
// wrangler rebuild and restart workerd in the middle of a measurement.
import { execFileSync, spawn } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "./container.mjs";
import { freePort, sleep, stopGroup, tempDir, track } from "./processes.mjs";

const wrangler = join(ROOT, "node_modules/.bin/wrangler");
const quietEnv = () => ({ ...process.env, WRANGLER_SEND_METRICS: "false" });

async function frozenConfig(dir) {
  execFileSync(wrangler, ["deploy", "--dry-run", "--outdir", join(dir, "bundle")], { cwd: ROOT, stdio: "ignore", env: quietEnv() });
  await cp(join(ROOT, "console/dist"), join(dir, "assets"), { recursive: true });
  const config = (await readFile(join(ROOT, "wrangler.toml"), "utf8"))
    .replace(/^main = .*$/m, `main = "${join(dir, "bundle/index.js")}"\nno_bundle = true`)
    .replace(/^directory = "console\/dist"$/m, `directory = "${join(dir, "assets")}"`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = "${join(ROOT, "edge/migrations")}"`);
  const path = join(dir, "wrangler.toml");
  await writeFile(path, config);
  return path;
}

/**
 * Starts wrangler dev (local D1 with migrations applied, both DO classes) with the given vars;
 * request logging is off (`--log-level warn`) for the baseline and the measured route alike.
 * Returns its URL, its process (for CPU accounting) and stop().
 */
export async function startWranglerDev(vars) {
  const dir = await tempDir("clawgate-bench-wrangler-");
  const config = await frozenConfig(dir);
  const persist = join(dir, "state");
  execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "-c", config, "--persist-to", persist], { cwd: ROOT, stdio: "ignore", env: quietEnv() });
  const port = await freePort();
  const args = ["dev", "-c", config, "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--log-level", "warn", "--persist-to", persist];
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  const child = track(spawn(wrangler, args, { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: quietEnv() }));
  let output = "";
  const keep = (chunk) => (output = (output + chunk).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(300)) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, pid: child.pid, stop: () => stopGroup(child) };
    } catch {
      // not up yet
    }
  }
  throw new Error(`wrangler dev did not come up:\n${output}`);
}

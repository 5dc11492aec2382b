// `wrangler dev` on a frozen copy of the Worker: the bundle and the console assets are copied to a
// temp dir first, so edits in the working tree (other people's, a `vite build`) cannot make
// wrangler rebuild and restart workerd in the middle of a measurement.
//
// Two configurations: "dev" is wrangler.toml as `npm run dev` runs it (the console as Workers
// Static Assets, the Worker first on /api, /webhooks and /twin); "deployed" is the same Worker
// without [assets], as it runs behind the console on Pages (console/wrangler.toml). Either can run
// a baseline Worker instead of ours (a hello world, or the bare ingress of this design), to say what
// wrangler dev and the machine cost by themselves.
import { execFileSync, spawn } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "./container.mjs";
import { freePort, sleep, stopGroup, tempDir, track } from "./processes.mjs";

const wrangler = join(ROOT, "node_modules/.bin/wrangler");
const quietEnv = () => ({ ...process.env, WRANGLER_SEND_METRICS: "false" });
const ASSETS_BLOCK = /^\[assets\]\n(?:[^[\n].*\n)*/m;
const HELLO_WORLD = 'export default { fetch() { return new Response("ok"); } };\n';

/**
 * The bare ingress Worker: the least any ingress of this design does. POST /webhooks/telegram
 * compares the secret header, parses the body, inserts the update id once in the account's Durable
 * Object and answers 200, with no routing and no reply; POST /webhooks/telegram-answered adds the
 * least an answered update needs: an outbox row in the same write, and after the ack the object
 * sends it to TELEGRAM_API_BASE and deletes it. A Worker of its own, so that the hello world stays
 * a plain hello world.
 */
const BARE_INGRESS = `import { DurableObject } from "cloudflare:workers";
export class Seen extends DurableObject {
  sending = false;
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY); CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, chat_id TEXT NOT NULL)");
  }
  first(id, chatId) {
    const first = this.ctx.storage.sql.exec("INSERT INTO seen (id) VALUES (?) ON CONFLICT DO NOTHING RETURNING id", id).toArray().length === 1;
    if (first && chatId) {
      this.ctx.storage.sql.exec("INSERT INTO outbox (chat_id) VALUES (?)", chatId);
      if (!this.sending) this.send();
    }
    return first;
  }
  async send() {
    this.sending = true;
    for (let row; (row = this.ctx.storage.sql.exec("SELECT seq, chat_id FROM outbox ORDER BY seq LIMIT 1").toArray()[0]); ) {
      const res = await fetch(this.env.TELEGRAM_API_BASE + "/bot1/sendMessage", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chat_id: row.chat_id, text: "hi" }) });
      await res.arrayBuffer();
      this.ctx.storage.sql.exec("DELETE FROM outbox WHERE seq = ?", row.seq);
    }
    this.sending = false;
  }
}
export default {
  async fetch(request, env) {
    if (request.method !== "POST") return new Response("ok");
    if (request.headers.get("x-telegram-bot-api-secret-token") !== env.TELEGRAM_WEBHOOK_SECRET) return new Response(null, { status: 401 });
    const update = await request.json();
    const answered = new URL(request.url).pathname.endsWith("-answered");
    await env.SEEN.getByName(String(update.message.from.id)).first(String(update.update_id), answered ? String(update.message.chat.id) : null);
    return new Response(null, { status: 200 });
  },
};
`;
const BARE_INGRESS_BINDINGS = `[[durable_objects.bindings]]
name = "SEEN"
class_name = "Seen"

[[migrations]]
tag = "v1"
new_sqlite_classes = ["Seen"]
`;

async function frozenConfig(dir, { config, worker }) {
  const source = await readFile(join(ROOT, "wrangler.toml"), "utf8");
  const assets = config === "dev" ? source.match(ASSETS_BLOCK)?.[0].replace(/^directory = .*$/m, `directory = "${join(dir, "assets")}"`) : "";
  if (config === "dev") await cp(join(ROOT, "console/dist"), join(dir, "assets"), { recursive: true });
  let text;
  if (worker === "hello" || worker === "bare") {
    // In a directory of its own: with no_bundle, wrangler attaches (and watches) every file beside main.
    await mkdir(join(dir, "baseline"));
    await writeFile(join(dir, "baseline/index.js"), worker === "hello" ? HELLO_WORLD : BARE_INGRESS);
    const bindings = worker === "hello" ? "" : `${BARE_INGRESS_BINDINGS}\n`;
    text = `name = "clawgate-${worker}"\nmain = "${join(dir, "baseline/index.js")}"\nno_bundle = true\n${source.match(/^compatibility_date = .*$/m)[0]}\n\n${bindings}${assets}`;
  } else {
    execFileSync(wrangler, ["deploy", "--dry-run", "--outdir", join(dir, "bundle")], { cwd: ROOT, stdio: "ignore", env: quietEnv() });
    text = source
      .replace(ASSETS_BLOCK, assets)
      .replace(/^main = .*$/m, `main = "${join(dir, "bundle/index.js")}"\nno_bundle = true`)
      .replace(/^migrations_dir = .*$/m, `migrations_dir = "${join(ROOT, "edge/migrations")}"`);
  }
  const path = join(dir, "wrangler.toml");
  await writeFile(path, text);
  return path;
}

/**
 * Starts wrangler dev with the given vars: `config` "dev" or "deployed", `worker` "clawgate" (local
 * D1 with migrations applied, the DO classes), "hello" (a hello world) or "bare" (the bare ingress). Request logging is off (`--log-level
 * warn`) for every route alike. Returns its URL, its process (for CPU accounting) and stop().
 */
export async function startWranglerDev(vars, { config = "dev", worker = "clawgate" } = {}) {
  const dir = await tempDir("clawgate-bench-wrangler-");
  const configPath = await frozenConfig(dir, { config, worker });
  const persist = join(dir, "state");
  if (worker === "clawgate") execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "-c", configPath, "--persist-to", persist], { cwd: ROOT, stdio: "ignore", env: quietEnv() });
  const port = await freePort();
  const args = ["dev", "-c", configPath, "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--log-level", "warn", "--persist-to", persist];
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  if (process.env.BENCH_INSPECTOR_PORT) args.push("--inspector-port", process.env.BENCH_INSPECTOR_PORT);
  const child = track(spawn(wrangler, args, { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: quietEnv() }));
  let output = "";
  const keep = (chunk) => (output = (output + chunk).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const probe = worker === "clawgate" ? "/api/health" : "/";
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(300)) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${url}${probe}`)).ok) return { url, pid: child.pid, stop: () => stopGroup(child) };
    } catch {
      // not up yet
    }
  }
  throw new Error(`wrangler dev did not come up:\n${output}`);
}

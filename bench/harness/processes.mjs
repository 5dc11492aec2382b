// Child processes, temp dirs and ports of a benchmark run, all cleaned up on exit, error or Ctrl-C.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const groups = new Set();
const servers = new Set();
const tempDirs = new Set();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const groupAlive = (pgid) => alive(-pgid);

/** Every live descendant of a process (OpenClaw re-spawns itself, sometimes into a new process group). */
function descendants(rootPid) {
  let table;
  try {
    table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
  } catch {
    return [];
  }
  const children = new Map();
  for (const line of table.split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out = [];
  const queue = [rootPid];
  while (queue.length) {
    for (const pid of children.get(queue.shift()) ?? []) {
      out.push(pid);
      queue.push(pid);
    }
  }
  return out;
}

function signal(pids, pgid, sig) {
  for (const target of [-pgid, ...pids]) {
    try {
      process.kill(target, sig);
    } catch {
      // gone
    }
  }
}

/** Registers a child started with `detached: true` (its own process group) for cleanup. */
export function track(child) {
  groups.add(child);
  return child;
}

/** Registers a server to close on cleanup. */
export function trackServer(server) {
  servers.add(server);
  return server;
}

/** SIGTERM to a child's process group and every descendant, then SIGKILL whatever is left. */
export async function stopGroup(child, graceMs = 15_000) {
  const pgid = child.pid;
  if (!pgid) return groups.delete(child);
  const tree = descendants(pgid);
  signal(tree, pgid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while ((groupAlive(pgid) || tree.some(alive)) && Date.now() < deadline) await sleep(100);
  signal([...tree, ...descendants(pgid)].filter(alive), pgid, "SIGKILL");
  groups.delete(child);
}

export async function tempDir(prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export async function removeTempDir(dir) {
  await rm(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let cleanedUp = false;
export async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const child of [...groups]) await stopGroup(child, 5_000);
  for (const server of servers) {
    server.closeAllConnections?.();
    server.close();
  }
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
}

let interrupted = false;
export const wasInterrupted = () => interrupted;

for (const name of ["SIGINT", "SIGTERM"]) {
  process.on(name, () => {
    interrupted = true;
    process.stdout.write(`\n${name}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on("exit", () => {
  // Synchronous last resort: SIGKILL whatever process group is still alive.
  for (const child of groups) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
});

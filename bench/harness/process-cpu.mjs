// CPU time used by a process tree, from /proc (Linux): on a machine shared with other work, CPU
// per request is a steadier figure than requests per second, which move with everyone's load.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function processTable() {
  const table = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      table.set(Number(entry), { name, ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // exited meanwhile
    }
  }
  return table;
}

/** CPU ms so far per process name ("workerd", "node", …) in the tree under `rootPid`, plus this process as "client". */
export function cpuByName(rootPid) {
  const table = processTable();
  const totals = { client: table.get(process.pid)?.ms ?? 0 };
  const queue = [rootPid];
  const seen = new Set();
  while (queue.length) {
    const pid = queue.shift();
    if (seen.has(pid)) continue;
    seen.add(pid);
    const proc = table.get(pid);
    if (proc) totals[proc.name] = (totals[proc.name] ?? 0) + proc.ms;
    for (const [child, info] of table) if (info.ppid === pid) queue.push(child);
  }
  return totals;
}

/** CPU ms per request and process name between two samples. */
export function cpuPerRequest(before, after, requests) {
  return Object.fromEntries(Object.keys(after).map((name) => [name, (after[name] - (before[name] ?? 0)) / requests]));
}

export const formatCpu = (perRequest) =>
  Object.entries(perRequest)
    .filter(([, ms]) => ms > 0.005)
    .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
    .join(", ");

export const totalCpu = (perRequest) => Object.values(perRequest).reduce((a, b) => a + b, 0);

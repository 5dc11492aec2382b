import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { openClawStateDb, readSchedules, scheduleChanges } from "./schedules-harvest.ts";

/** The `cron_jobs` table exactly as OpenClaw 2026.9.2 creates it (OPENCLAW_STATE_SCHEMA_SQL). */
const CRON_JOBS_DDL = `CREATE TABLE IF NOT EXISTS cron_jobs (
  store_key TEXT NOT NULL,
  job_id TEXT NOT NULL,
  declaration_key TEXT,
  owner_agent_id TEXT,
  name TEXT NOT NULL,
  description TEXT,
  enabled INTEGER NOT NULL,
  agent_id TEXT,
  payload_kind TEXT NOT NULL,
  job_json TEXT NOT NULL,
  state_json TEXT NOT NULL DEFAULT '{}',
  runtime_updated_at_ms INTEGER,
  schedule_identity TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (store_key, job_id)
) STRICT;`;

const AGENT = "s0123456789abcdef0123";
let dir: string;
let dbPath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "schedules-harvest-"));
  dbPath = openClawStateDb(dir);
  mkdirSync(dirname(dbPath), { recursive: true });
  const db = new DatabaseSync(dbPath);
  db.exec(CRON_JOBS_DDL);
  db.close();
});

afterEach(() => rm(dir, { recursive: true, force: true }));

interface Job {
  id: string;
  name?: string;
  owner?: string | null;
  agentId?: string;
  enabled?: boolean;
  schedule: Record<string, unknown>;
  payload: Record<string, unknown>;
}

function put(job: Job): void {
  const owner = job.owner === undefined ? AGENT : job.owner;
  const db = new DatabaseSync(dbPath);
  db.prepare(
    `INSERT OR REPLACE INTO cron_jobs (store_key, job_id, owner_agent_id, name, enabled, agent_id, payload_kind, job_json, updated_at)
     VALUES ('/state/cron/jobs.json', ?, ?, ?, ?, ?, ?, ?, 0)`,
  ).run(job.id, owner, job.name ?? "", job.enabled === false ? 0 : 1, job.agentId ?? owner, String(job.payload.kind), JSON.stringify({ id: job.id, name: job.name, schedule: job.schedule, payload: job.payload }));
  db.close();
}

function remove(id: string): void {
  const db = new DatabaseSync(dbPath);
  db.prepare("DELETE FROM cron_jobs WHERE job_id = ?").run(id);
  db.close();
}

describe("readSchedules", () => {
  it("maps OpenClaw's cron, at and every schedules and the agentTurn / systemEvent text", () => {
    put({ id: "j-cron", name: "Daily email", schedule: { kind: "cron", expr: "0 7 * * *", tz: "America/New_York" }, payload: { kind: "agentTurn", message: "Remind me to check my email." } });
    put({ id: "j-at", schedule: { kind: "at", at: "2026-11-21T16:30:00+01:00" }, payload: { kind: "systemEvent", text: "Stand-up notes" } });
    put({ id: "j-every", enabled: false, schedule: { kind: "every", everyMs: 3_600_000, anchorMs: 5 }, payload: { kind: "agentTurn", message: "Check the queue" } });
    expect(Object.fromEntries(readSchedules(dbPath, AGENT))).toEqual({
      "j-cron": { id: "j-cron", name: "Daily email", prompt: "Remind me to check my email.", timing: { kind: "cron", expr: "0 7 * * *", tz: "America/New_York" }, enabled: true },
      "j-at": { id: "j-at", name: "", prompt: "Stand-up notes", timing: { kind: "at", at: "2026-11-21T15:30:00.000Z" }, enabled: true },
      "j-every": { id: "j-every", name: "", prompt: "Check the queue", timing: { kind: "every", everyMs: 3_600_000 }, enabled: false },
    });
  });

  it("reads a cron without a zone in the host's zone, as OpenClaw would have run it", () => {
    put({ id: "j", schedule: { kind: "cron", expr: "30 9 * * 1-5" }, payload: { kind: "agentTurn", message: "Weekly plan" } });
    expect(readSchedules(dbPath, AGENT).get("j")?.timing).toEqual({ kind: "cron", expr: "30 9 * * 1-5", tz: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" });
  });

  it("keeps only the session agent's own jobs, not other agents' or OpenClaw's managed ones", () => {
    put({ id: "mine", schedule: { kind: "every", everyMs: 600_000 }, payload: { kind: "agentTurn", message: "x" } });
    put({ id: "other", owner: "s-someone-else", schedule: { kind: "every", everyMs: 600_000 }, payload: { kind: "agentTurn", message: "y" } });
    put({ id: "managed", owner: null, agentId: AGENT, schedule: { kind: "every", everyMs: 86_400_000 }, payload: { kind: "skillCollectionReview" } });
    expect([...readSchedules(dbPath, AGENT).keys()]).toEqual(["mine"]);
  });

  it("skips what the platform cannot run: trigger kinds, payloads without text, broken JSON", () => {
    put({ id: "stream", schedule: { kind: "stream", command: ["tail", "-f", "log"] }, payload: { kind: "agentTurn", message: "x" } });
    put({ id: "silent", schedule: { kind: "every", everyMs: 600_000 }, payload: { kind: "agentTurn", message: "  " } });
    put({ id: "bad-at", schedule: { kind: "at", at: "tomorrow-ish" }, payload: { kind: "agentTurn", message: "x" } });
    const db = new DatabaseSync(dbPath);
    db.prepare("UPDATE cron_jobs SET job_json = '{' WHERE job_id = 'silent'").run();
    db.close();
    expect(readSchedules(dbPath, AGENT).size).toBe(0);
  });

  it("finds nothing, and creates nothing, before OpenClaw has a state database", () => {
    const missing = openClawStateDb(join(dir, "never-started"));
    expect(readSchedules(missing, AGENT).size).toBe(0);
    expect(() => new DatabaseSync(missing, { readOnly: true })).toThrow();
  });
});

describe("scheduleChanges", () => {
  it("reports created, changed and removed jobs, and nothing for untouched ones", () => {
    put({ id: "keep", schedule: { kind: "every", everyMs: 600_000 }, payload: { kind: "agentTurn", message: "same" } });
    put({ id: "change", schedule: { kind: "cron", expr: "0 7 * * *", tz: "UTC" }, payload: { kind: "agentTurn", message: "email" } });
    put({ id: "drop", schedule: { kind: "at", at: "2026-12-01T08:00:00Z" }, payload: { kind: "agentTurn", message: "bye" } });
    const before = readSchedules(dbPath, AGENT);
    expect(scheduleChanges(before, readSchedules(dbPath, AGENT))).toEqual([]);

    put({ id: "change", schedule: { kind: "cron", expr: "0 8 * * *", tz: "UTC" }, payload: { kind: "agentTurn", message: "email" } });
    put({ id: "new", schedule: { kind: "at", at: "2026-12-02T08:00:00Z" }, payload: { kind: "agentTurn", message: "hello" } });
    remove("drop");
    const changes = scheduleChanges(before, readSchedules(dbPath, AGENT));
    expect(changes).toEqual([
      { op: "upsert", schedule: { id: "change", name: "", prompt: "email", timing: { kind: "cron", expr: "0 8 * * *", tz: "UTC" }, enabled: true } },
      { op: "upsert", schedule: { id: "new", name: "", prompt: "hello", timing: { kind: "at", at: "2026-12-02T08:00:00.000Z" }, enabled: true } },
      { op: "delete", id: "drop" },
    ]);
  });
});

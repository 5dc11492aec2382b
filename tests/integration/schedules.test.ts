import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { invocationFixture } from "../../agent-container/src/testing/fixtures.ts";
import { agentIdFor } from "../../agent-container/src/session/turn-runner.ts";
import { openClawStateDb } from "../../agent-container/src/session/schedules-harvest.ts";
import { CAROL, cleanUp, Container, newDataDir } from "./harness.ts";

/**
 * Reminders through the real container, the real OpenClaw `automations` tool (its scheduler off)
 * and the offline model: the turn result carries the schedule the agent created. Carol's position
 * has no shell and no file writes.
 */

let container: Container;

beforeAll(async () => {
  container = await Container.start(await newDataDir());
});

afterAll(cleanUp);

const MINUTE = 60_000;

describe("schedules harvested from OpenClaw's automations tool", () => {
  it("a one-off reminder in 10 minutes comes back as an `at` schedule with the prompt", async () => {
    const sent = Date.now();
    const result = await container.turn(invocationFixture("remind me in 10 minutes to check my email", CAROL));
    expect(result.status, result.error).toBe("ok");
    expect(result.toolEvents.map((e) => [e.tool, e.allowed])).toContainEqual(["automations", true]);
    expect(result.schedules).toHaveLength(1);
    const change = result.schedules[0]!;
    if (change.op !== "upsert") throw new Error(`expected an upsert, got ${JSON.stringify(change)}`);
    expect(change.schedule.prompt).toContain("check my email");
    expect(change.schedule.enabled).toBe(true);
    if (change.schedule.timing.kind !== "at") throw new Error(`expected an at timing, got ${JSON.stringify(change.schedule.timing)}`);
    const at = Date.parse(change.schedule.timing.at);
    expect(at).toBeGreaterThanOrEqual(sent + 10 * MINUTE - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 10 * MINUTE + 1000);
    expect(result.reply).toMatch(/remind you to check my email/);
  });

  it("a daily reminder at 7 comes back as cron `0 7 * * *` with a time zone, and only as what changed", async () => {
    const result = await container.turn(invocationFixture("every morning at 7 remind me to check my email", CAROL));
    expect(result.status, result.error).toBe("ok");
    expect(result.schedules).toHaveLength(1);
    const change = result.schedules[0]!;
    if (change.op !== "upsert") throw new Error(`expected an upsert, got ${JSON.stringify(change)}`);
    expect(change.schedule.timing).toEqual({ kind: "cron", expr: "0 7 * * *", tz: expect.stringMatching(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/) });
    expect(change.schedule.prompt).toContain("check my email");
  });

  it("records the jobs as owned by Carol's session agent in OpenClaw's state database", async () => {
    const db = new DatabaseSync(openClawStateDb(join(container.dataDir, "openclaw-state")), { readOnly: true });
    const owned = db.prepare("SELECT name FROM cron_jobs WHERE owner_agent_id IS NOT NULL ORDER BY name").all() as Array<{ name: string }>;
    const ownerIds = db.prepare("SELECT DISTINCT owner_agent_id AS id FROM cron_jobs WHERE owner_agent_id IS NOT NULL").all() as Array<{ id: string }>;
    db.close();
    expect(owned.map((r) => r.name)).toEqual(["Daily reminder: check my email", "Reminder: check my email"]);
    expect(ownerIds.map((r) => r.id)).toEqual([agentIdFor(CAROL.sessionId)]);
  });
});

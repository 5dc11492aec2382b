import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEARTBEAT_PROMPT } from "@clawgate/contracts";
import { invocationFixture } from "../../agent-container/src/testing/fixtures.ts";
import { isSilentHeartbeatReply } from "../../durable-objects/src/schedules/heartbeat.ts";
import { CAROL, cleanUp, Container, newDataDir } from "./harness.ts";

/**
 * The heartbeat turn through the real container and the real OpenClaw gateway on the offline
 * model: the prompt the EmployeeAgent sends on the `scheduled` path, with HEARTBEAT.md in the
 * workspace, comes back as a reply the EmployeeAgent treats as nothing to report: OpenClaw drops
 * the offline model's NO_REPLY as its silent reply and its HTTP endpoint says "No response from OpenClaw.".
 */
let container: Container;

beforeAll(async () => {
  container = await Container.start(await newDataDir());
});

afterAll(cleanUp);

describe("a heartbeat turn in the real runtime", () => {
  it("answers the heartbeat prompt with a silent reply and changes no memory", async () => {
    const result = await container.turn(
      invocationFixture(HEARTBEAT_PROMPT, {
        ...CAROL,
        accessPath: "scheduled",
        sessionId: "emp-carol--scheduled--integration-heartbeat01",
        memory: { "HEARTBEAT.md": "- Tell me if an expense report is waiting for my approval.\n" },
      }),
    );
    expect(result.status, result.error).toBe("ok");
    expect(isSilentHeartbeatReply(result.reply), `reply: ${JSON.stringify(result.reply)}`).toBe(true);
    expect(result.memoryChanges).toEqual([]);
    expect(result.schedules).toEqual([]);
  });
});

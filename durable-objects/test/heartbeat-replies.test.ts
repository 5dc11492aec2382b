import { describe, expect, it } from "vitest";
import { hasHeartbeatInstructions, isSilentHeartbeatReply } from "../src/schedules/heartbeat.ts";

/** OpenClaw 2026.9.2's heartbeat contract (node_modules/openclaw/docs/gateway/heartbeat.md), as the EmployeeAgent applies it. */
describe("heartbeat replies and instructions", () => {
  it("treats NO_REPLY (or OpenClaw's placeholder once it dropped it), an empty reply and a HEARTBEAT_OK acknowledgment at either end as nothing to report", () => {
    for (const reply of ["NO_REPLY", "No response from OpenClaw.", "  ", "", "HEARTBEAT_OK", "HEARTBEAT_OK all quiet today.", "Checked calendar and mail. HEARTBEAT_OK", `HEARTBEAT_OK ${"x".repeat(300)}`]) {
      expect(isSilentHeartbeatReply(reply), reply).toBe(true);
    }
  });

  it("delivers a finding, a long reply after HEARTBEAT_OK, and HEARTBEAT_OK in the middle", () => {
    for (const reply of ["Your 15:00 moved to 16:00.", `HEARTBEAT_OK ${"x".repeat(301)}`, "Two things: HEARTBEAT_OK was not the answer, your flight is delayed.", "NO_REPLY but the build failed"]) {
      expect(isSilentHeartbeatReply(reply), reply).toBe(false);
    }
  });

  it("finds no instructions in headings, comments, fences and empty checklist items", () => {
    expect(hasHeartbeatInstructions("# Heartbeat\n\n<!-- add checks\n here -->\n```\n```\n- [ ]\n* \n")).toBe(false);
    expect(hasHeartbeatInstructions("")).toBe(false);
    expect(hasHeartbeatInstructions("# Heartbeat\n- [ ] check the deploy queue\n")).toBe(true);
    expect(hasHeartbeatInstructions("Tell me if it rains.")).toBe(true);
  });
});

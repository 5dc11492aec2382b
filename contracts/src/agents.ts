import { z } from "zod";
import { Role } from "./api.ts";
import { ConfigSource, RouteTier } from "./config.ts";

/**
 * The agent list of the Agent Factory (`GET /api/admin/agents`): one agent per employee in the
 * caller's scope, with what it runs on and how recently it was used. The per-agent detail lives
 * in the agent-config, routing and route endpoints.
 */

/** active: a turn in the last 24 hours; idle: turns, but none that recent; never: no turn yet. */
export const AgentStatus = z.enum(["active", "idle", "never"]).meta({ id: "AgentStatus" });
export type AgentStatus = z.infer<typeof AgentStatus>;

export const AgentSummary = z
  .object({
    employeeId: z.string(),
    name: z.string(),
    role: Role,
    departmentId: z.string(),
    departmentName: z.string(),
    positionId: z.string(),
    positionName: z.string(),
    /** The model id the agent's settings name (null: the runtime's own model), and which level names it. */
    model: z.object({ value: z.string().nullable(), source: ConfigSource }),
    /** Where the next turn runs by configuration (always-on endpoint, override, position, default); null: no runtime at all. */
    runtime: z.object({ tier: RouteTier, runtimeId: z.string().nullable(), runtimeName: z.string().nullable() }).nullable(),
    alwaysOn: z.boolean(),
    lastTurnAt: z.string().nullable(),
    turnsLast24h: z.number().int(),
    status: AgentStatus,
  })
  .meta({ id: "AgentSummary" });
export type AgentSummary = z.infer<typeof AgentSummary>;

export const AgentList = z.object({ agents: z.array(AgentSummary), asOf: z.string() }).meta({ id: "AgentList" });
export type AgentList = z.infer<typeof AgentList>;

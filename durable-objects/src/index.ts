export { EmployeeAgent, type TurnInput, type TurnOutcome } from "./employee-agent/employee-agent.ts";
export { ChannelDirectory } from "./channel-directory/channel-directory.ts";
export type { Env } from "./env.ts";
export { loadEmployee } from "./turn/control-plane.ts";
export { putBlob } from "./content/blobs.ts";

export { EmployeeAgent, type TurnInput, type TurnOutcome } from "./employee-agent/employee-agent.ts";
export { ChannelDirectory } from "./channel-directory/channel-directory.ts";
export { ChannelIdentity } from "./channel-identity/channel-identity.ts";
export { identityName, type ChannelPlatform, type InboundEvent } from "./channel-identity/inbound.ts";
export { sendReply } from "./channels/outbound.ts";
export { EPHEMERAL } from "./channels/discord-api.ts";
export type { Env } from "./env.ts";
export { loadEmployee } from "./turn/control-plane.ts";
export { putBlob } from "./content/blobs.ts";

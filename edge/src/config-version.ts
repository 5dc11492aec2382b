// The bump lives beside the version it bumps (the turn path reads it to key its plan cache).
export { bumpConfigVersion } from "@clawgate/durable-objects/turn/control-plane.ts";

export * from "./common.ts";
export * from "./plan.ts";
export * from "./invocation.ts";
export * from "./api.ts";
export * from "./auth.ts";
export * from "./canonical.ts";
export * from "./tool-capabilities.ts";
export * from "./sse.ts";

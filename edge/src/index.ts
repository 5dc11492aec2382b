import { app } from "./app.ts";

export { EmployeeAgent, ChannelDirectory, ChannelIdentity } from "@clawgate/durable-objects";

export default app;

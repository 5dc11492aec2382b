import { app } from "./app.ts";

export { EmployeeAgent, ChannelDirectory } from "@clawgate/durable-objects";

export default app;

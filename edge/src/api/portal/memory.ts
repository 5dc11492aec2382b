import { createRoute, z } from "@hono/zod-openapi";
import { EditableMemoryFile, MemoryFileUpdate, MemoryView } from "@clawgate/contracts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";

/**
 * The caller's own agent memory (MEMORY.md, USER.md, HEARTBEAT.md, memory/*.md of the current
 * checkpoint), read from their own EmployeeAgent, so nobody reaches another employee's memory.
 * Until the employee writes their own USER.md, the one generated from their profile (what the
 * workspace holds) is shown in its place.
 * Only USER.md (about the employee) and HEARTBEAT.md (the heartbeat's instructions) are edited
 * here; the rest is the agent's own notebook.
 */
const common = { tags: ["portal"], security: SESSION_SECURITY };

const read = createRoute({
  ...common,
  method: "get",
  path: "/memory",
  summary: "Your agent's memory files in its current checkpoint",
  responses: { 200: jsonContent(MemoryView, "Your agent's memory"), ...errorResponses(401) },
});

const write = createRoute({
  ...common,
  method: "put",
  path: "/memory/{name}",
  summary: "Replace USER.md or HEARTBEAT.md (at most 64 KiB); your agent's next turn sees it",
  request: {
    params: z.object({ name: EditableMemoryFile }),
    body: { content: { "application/json": { schema: MemoryFileUpdate } }, required: true },
  },
  responses: { 200: jsonContent(MemoryView, "Your agent's memory after the change"), ...errorResponses(400, 401) },
});

export const memoryPortalRoutes = apiRouter()
  .openapi(read, async (c) => {
    const { employeeId } = c.get("user");
    const view = (await c.env.EMPLOYEE_AGENT.getByName(employeeId).memoryView(employeeId)) as MemoryView;
    return c.json(view, 200);
  })
  .openapi(write, async (c) => {
    const { employeeId } = c.get("user");
    const view = (await c.env.EMPLOYEE_AGENT.getByName(employeeId).writeMemoryFile(employeeId, c.req.valid("param").name, c.req.valid("json").text)) as MemoryView;
    return c.json(view, 200);
  });

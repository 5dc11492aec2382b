import { createRoute, z } from "@hono/zod-openapi";
import { InboxItem } from "@clawgate/contracts";
import { notFound } from "../../auth/scope.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";

/**
 * The caller's notification inbox: replies of scheduled runs that did not go to a paired IM
 * channel (none paired, or the send kept failing — the item says why). Kept in the caller's own
 * EmployeeAgent, so another employee's item id is 404.
 */
const common = { tags: ["portal"], security: SESSION_SECURITY };

const list = createRoute({
  ...common,
  method: "get",
  path: "/inbox",
  summary: "Your notifications, newest first, and how many are unread",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: jsonContent(z.object({ items: z.array(InboxItem), unread: z.number().int() }), "Your inbox"), ...errorResponses(400, 401) },
});

const markRead = createRoute({
  ...common,
  method: "post",
  path: "/inbox/{id}/read",
  summary: "Mark one notification read (marking it again changes nothing)",
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 204: { description: "Read" }, ...errorResponses(400, 401, 404) },
});

export const inboxPortalRoutes = apiRouter()
  .openapi(list, async (c) => {
    const inbox = (await c.env.EMPLOYEE_AGENT.getByName(c.get("user").employeeId).inbox(c.req.valid("query").limit)) as { items: InboxItem[]; unread: number };
    return c.json(inbox, 200);
  })
  .openapi(markRead, async (c) => {
    if (!(await c.env.EMPLOYEE_AGENT.getByName(c.get("user").employeeId).markInboxRead(c.req.valid("param").id))) throw notFound("notification");
    return c.body(null, 204);
  });

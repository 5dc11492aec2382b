import { Hono } from "hono";
import { ChatRequest } from "@clawgate/contracts";
import type { TurnOutcome } from "@clawgate/durable-objects";
import type { AppEnv } from "../../auth/middleware.ts";
import { apiError } from "../../http/errors.ts";
import { jsonBody } from "../../http/validate.ts";

/** The employee's own agent: `POST /api/portal/chat` streams SSE, or answers JSON on `Accept: application/json`. */
export const chatRoutes = new Hono<AppEnv>()
  .post("/chat", jsonBody(ChatRequest), async (c) => {
    const { employeeId } = c.get("user");
    const { message, clientMessageId } = c.req.valid("json");
    const input = { employeeId, accessPath: "employee" as const, sourceMessageId: `portal:${clientMessageId ?? crypto.randomUUID()}`, message };
    const agent = c.env.EMPLOYEE_AGENT.getByName(employeeId);
    const accept = c.req.header("accept") ?? "";
    if (accept.includes("application/json") && !accept.includes("text/event-stream")) {
      const outcome = (await agent.send(input)) as TurnOutcome;
      if (outcome.ok) return c.json(outcome.result);
      return apiError(c, 502, outcome.error.code, outcome.error.message);
    }
    const stream = await agent.stream(input);
    return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" } });
  })
  .get("/transcript", async (c) => {
    const limit = Number(c.req.query("limit") ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return apiError(c, 400, "invalid_request", "limit must be an integer from 1 to 200");
    const entries = await c.env.EMPLOYEE_AGENT.getByName(c.get("user").employeeId).transcript(limit);
    return c.json({ entries });
  });

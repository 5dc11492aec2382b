import { createRoute, z } from "@hono/zod-openapi";
import { ApiErrorResponse, ChatRequest, ChatResult, TranscriptEntry } from "@clawgate/contracts";
import type { TurnOutcome } from "@clawgate/durable-objects";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";

const common = { tags: ["portal"], security: SESSION_SECURITY };

const chat = createRoute({
  ...common,
  method: "post",
  path: "/chat",
  summary: "Talk to your own agent: SSE (delta, tool, result | error), or JSON with `Accept: application/json`",
  request: { body: { content: { "application/json": { schema: ChatRequest } }, required: true } },
  responses: {
    200: {
      description: "The turn: streamed as server-sent events, or its result as JSON",
      content: {
        "text/event-stream": { schema: z.string().meta({ description: "events `delta` {text}, `tool` {tool, allowed}, then `result` (ChatResult) or `error`" }) },
        "application/json": { schema: ChatResult },
      },
    },
    ...errorResponses(400, 401),
    502: jsonContent(ApiErrorResponse, "The agent could not answer (JSON mode)"),
  },
});

const transcript = createRoute({
  ...common,
  method: "get",
  path: "/transcript",
  summary: "Your latest turns with your agent",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: jsonContent(z.object({ entries: z.array(TranscriptEntry) }), "Your latest turns"), ...errorResponses(400, 401) },
});

/** The employee's own agent: every route acts on the caller's agent only, never on an id from the request. */
export const chatRoutes = apiRouter()
  .openapi(chat, async (c) => {
    const { employeeId } = c.get("user");
    const { message, clientMessageId } = c.req.valid("json");
    const input = { employeeId, accessPath: "employee" as const, sourceMessageId: `portal:${clientMessageId ?? crypto.randomUUID()}`, message };
    const agent = c.env.EMPLOYEE_AGENT.getByName(employeeId);
    const accept = c.req.header("accept") ?? "";
    if (accept.includes("application/json") && !accept.includes("text/event-stream")) {
      const outcome = (await agent.send(input)) as TurnOutcome;
      if (outcome.ok) return c.json(outcome.result, 200);
      throw new ApiFailure(502, outcome.error.code, outcome.error.message);
    }
    const stream = await agent.stream(input);
    return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" } });
  })
  .openapi(transcript, async (c) => {
    const { limit } = c.req.valid("query");
    const entries = await c.env.EMPLOYEE_AGENT.getByName(c.get("user").employeeId).transcript(limit);
    return c.json({ entries }, 200);
  });

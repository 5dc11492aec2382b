import { createRoute, z } from "@hono/zod-openapi";
import { ApiErrorResponse, ChatResult, TwinChatRequest, TwinToken } from "@clawgate/contracts";
import { TWIN_QUEUE_FULL, type TurnInput, type TurnOutcome } from "@clawgate/durable-objects";
import { clientIp } from "../auth/ip-login-limit.ts";
import { ApiFailure } from "../http/errors.ts";
import { apiRouter, errorResponses, jsonContent } from "../http/openapi.ts";
import { takeTwinMessage, twinBuckets } from "../twin/rate-limit.ts";
import { countChat, liveTwin } from "../twin/twin-rows.ts";
import { visitorKey } from "../twin/visitor.ts";

/**
 * The public side of a digital twin: no session, the token in the path is the only credential.
 * Each message becomes a `twin` turn in the employee's own EmployeeAgent — the same turn path
 * (budget, guardrails, accounting) as every other, with the twin's session context, the most
 * restrictive tool policy and memory read-only (plan-builder.ts, MEMORY_WRITING_PATHS).
 */
const chat = createRoute({
  tags: ["public"],
  method: "post",
  path: "/twin/{token}/chat",
  summary: "Talk to an employee's digital twin (no login): SSE (delta, tool, result | error), or JSON with `Accept: application/json`",
  request: { params: z.object({ token: TwinToken }), body: { content: { "application/json": { schema: TwinChatRequest } }, required: true } },
  responses: {
    200: {
      description: "The twin's answer: streamed as server-sent events, or its result as JSON",
      content: { "text/event-stream": { schema: z.string() }, "application/json": { schema: ChatResult } },
    },
    ...errorResponses(400, 404),
    429: jsonContent(ApiErrorResponse, "Too many messages (per visitor, per address or for this twin), or the twin is busy; see Retry-After"),
    502: jsonContent(ApiErrorResponse, "The agent could not answer (JSON mode)"),
  },
});

const BUSY_RETRY_AFTER_S = 10;

function tooMany(retryAfterSeconds: number, message: string): Response {
  return new Response(JSON.stringify({ error: { code: "rate_limited", message } }), {
    status: 429,
    headers: { "content-type": "application/json", "retry-after": String(retryAfterSeconds) },
  });
}

export const twinPublicRoutes = apiRouter().openapi(chat, async (c) => {
  const twin = await liveTwin(c.env.DB, c.req.valid("param").token);
  if (!twin) throw new ApiFailure(404, "not_found", "No such twin.");
  const { message, visitorId } = c.req.valid("json");
  const ip = clientIp(c);
  const visitor = await visitorKey(c, twin.tokenHash, visitorId, ip);
  const retryAfter = await takeTwinMessage(c.env.DB, twinBuckets(twin.tokenHash, visitor, ip));
  if (retryAfter) return tooMany(retryAfter, `Too many messages; try again in ${retryAfter} seconds.`);

  const input: TurnInput = { employeeId: twin.employeeId, accessPath: "twin", sourceMessageId: `twin:${crypto.randomUUID()}`, message, sessionKey: visitor };
  const agent = c.env.EMPLOYEE_AGENT.getByName(twin.employeeId);
  const accept = c.req.header("accept") ?? "";
  try {
    if (accept.includes("application/json") && !accept.includes("text/event-stream")) {
      const outcome = (await agent.send(input)) as TurnOutcome;
      await countChat(c.env.DB, twin.employeeId);
      if (outcome.ok) return c.json(outcome.result, 200);
      throw new ApiFailure(502, outcome.error.code, outcome.error.message);
    }
    const stream = await agent.stream(input);
    await countChat(c.env.DB, twin.employeeId);
    return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" } });
  } catch (error) {
    if (error instanceof Error && error.message.includes(TWIN_QUEUE_FULL)) return tooMany(BUSY_RETRY_AFTER_S, "The assistant is busy with other visitors; try again shortly.");
    throw error;
  }
});

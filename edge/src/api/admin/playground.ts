import { createRoute, z } from "@hono/zod-openapi";
import { ApiErrorResponse, ChatRequest, ChatResult, IdParam, PlaygroundPipeline } from "@clawgate/contracts";
import type { TurnInput, TurnOutcome } from "@clawgate/durable-objects";
import { audit } from "../../audit.ts";
import { scopeOf } from "../../auth/scope.ts";
import { ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { employeeTarget } from "./agent-config-targets.ts";
import { playgroundPipeline } from "./playground-pipeline.ts";

/**
 * The admin playground (DESIGN §1): an admin, or a manager for someone in their subtree, talks to
 * an employee's agent exactly as that employee would get it — same plan — in a `playground`
 * session of their own, whose memory changes are discarded (MEMORY_WRITING_PATHS). Every turn is
 * audited with the operator.
 */
const common = { tags: ["playground"], security: SESSION_SECURITY };

const chat = createRoute({
  ...common,
  method: "post",
  path: "/playground/{id}/chat",
  summary: "Chat as the employee's agent without touching its memory: SSE (delta, tool, result | error), or JSON with `Accept: application/json`",
  request: { params: IdParam, body: { content: { "application/json": { schema: ChatRequest } }, required: true } },
  responses: {
    200: {
      description: "The turn: streamed as server-sent events, or its result as JSON",
      content: { "text/event-stream": { schema: z.string() }, "application/json": { schema: ChatResult } },
    },
    ...errorResponses(400, 401, 403, 404),
    502: jsonContent(ApiErrorResponse, "The agent could not answer (JSON mode)"),
  },
});

const pipeline = createRoute({
  ...common,
  method: "get",
  path: "/playground/{id}/pipeline",
  summary: "What the employee's agent is made of: SOUL layers and versions, allowed and denied tools, knowledge, skills, model and runtime",
  request: { params: IdParam },
  responses: { 200: jsonContent(PlaygroundPipeline, "The employee's plan pipeline"), ...errorResponses(401, 403, 404) },
});

export const playgroundRoutes = apiRouter()
  .openapi(chat, async (c) => {
    const operator = c.get("user").employeeId;
    const employee = await employeeTarget(c.env.DB, await scopeOf(c.env.DB, c.get("user")), c.req.valid("param").id, "read");
    const { message, clientMessageId } = c.req.valid("json");
    const sourceMessageId = `playground:${operator}:${clientMessageId ?? crypto.randomUUID()}`;
    // Each operator gets their own playground session, so two admins testing one agent do not mix.
    const input: TurnInput = { employeeId: employee.id, accessPath: "playground", sourceMessageId, message, sessionKey: operator };
    await audit(c.env.DB, "playground.turn", operator, employee.id, { operator, employeeId: employee.id, sourceMessageId });
    const agent = c.env.EMPLOYEE_AGENT.getByName(employee.id);
    const accept = c.req.header("accept") ?? "";
    if (accept.includes("application/json") && !accept.includes("text/event-stream")) {
      const outcome = (await agent.send(input)) as TurnOutcome;
      if (outcome.ok) return c.json(outcome.result, 200);
      throw new ApiFailure(502, outcome.error.code, outcome.error.message);
    }
    const stream = await agent.stream(input);
    return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" } });
  })
  .openapi(pipeline, async (c) => {
    const employee = await employeeTarget(c.env.DB, await scopeOf(c.env.DB, c.get("user")), c.req.valid("param").id, "read");
    return c.json(await playgroundPipeline(c.env.DB, employee.id), 200);
  });

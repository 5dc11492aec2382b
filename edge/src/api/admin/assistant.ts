import { createRoute, z } from "@hono/zod-openapi";
import { ApiErrorResponse, AssistantChatRequest, AssistantHistory, AssistantReply } from "@clawgate/contracts";
import type { Env } from "@clawgate/durable-objects";
import { createMiddleware } from "hono/factory";
import { audit } from "../../audit.ts";
import type { AppEnv } from "../../auth/middleware.ts";
import { appendExchange, clearHistory, historyAsTurns, readHistory } from "../../assistant/history.ts";
import { runAssistant } from "../../assistant/loop.ts";
import { CallerApi } from "../../assistant/caller-api.ts";
import { assistantProvider, type AssistantVars } from "../../assistant/providers/select.ts";
import { ProviderError, type ToolOutcome } from "../../assistant/types.ts";
import { apiError, ApiFailure } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";

/** How the app hands a request back to itself (app.ts passes `app.fetch`), so tools use the real API. */
export type AppFetch = (request: Request, env: Env, ctx: ExecutionContext<unknown>) => Response | Promise<Response>;

/**
 * The IT admin assistant (DESIGN §1, issue 7): an admin-only chat whose tool loop runs here in the
 * Worker. Its tools call the API as the admin (same session cookie), so they can do and see no more
 * than the admin could by hand, and every call is audited (assistant.tool_call) besides the API's
 * own audit of a write. History is kept per admin in D1 and cleared by its owner.
 */
const common = { tags: ["assistant"], security: SESSION_SECURITY };

const chat = createRoute({
  ...common,
  method: "post",
  path: "/assistant/chat",
  summary: "Ask the IT admin assistant (admins only): the reply, the provider, and which tools ran and whether they succeeded",
  request: { body: { content: { "application/json": { schema: AssistantChatRequest } }, required: true } },
  responses: {
    200: jsonContent(AssistantReply, "The assistant's answer"),
    ...errorResponses(400, 401, 403),
    502: jsonContent(ApiErrorResponse, "The configured model endpoint failed"),
  },
});

const history = createRoute({
  ...common,
  method: "get",
  path: "/assistant/history",
  summary: "The caller's own conversation with the assistant, oldest first",
  responses: { 200: jsonContent(AssistantHistory, "The conversation"), ...errorResponses(401, 403) },
});

const clear = createRoute({
  ...common,
  method: "delete",
  path: "/assistant/history",
  summary: "Delete the caller's conversation with the assistant",
  responses: { 200: jsonContent(z.object({ deleted: z.number().int() }), "How many messages were deleted"), ...errorResponses(401, 403) },
});

// Before validation, so a manager is told 403 whatever they send.
const adminsOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("user").role !== "admin") return apiError(c, 403, "forbidden", "Only admins may use the IT admin assistant.");
  await next();
});

function auditDetail(tool: string, outcome: ToolOutcome): Record<string, unknown> {
  const detail: Record<string, unknown> = { tool: tool.slice(0, 64), ok: outcome.ok };
  if (!outcome.ok && outcome.refused) detail.refused = outcome.refused;
  if (!outcome.ok && outcome.status) detail.status = outcome.status;
  return detail;
}

export function assistantRoutes(appFetch: AppFetch) {
  const router = apiRouter();
  router.use("/assistant/*", adminsOnly);
  return router
    .openapi(chat, async (c) => {
      const adminId = c.get("user").employeeId;
      const { message } = c.req.valid("json");
      const origin = new URL(c.req.url).origin;
      const api = new CallerApi((path, init) => Promise.resolve(appFetch(new Request(`${origin}${path}`, init), c.env, c.executionCtx as ExecutionContext<unknown>)), c.req.header("cookie") ?? "");
      const provider = assistantProvider(c.env as Env & AssistantVars);
      let run;
      try {
        run = await runAssistant({
          provider,
          history: historyAsTurns(await readHistory(c.env.DB, adminId)),
          message,
          api,
          onToolCall: async (tool, outcome) => {
            await audit(c.env.DB, "assistant.tool_call", adminId, null, auditDetail(tool, outcome));
          },
        });
      } catch (error) {
        if (error instanceof ProviderError) throw new ApiFailure(502, "assistant_model_failed", error.message);
        throw error;
      }
      await appendExchange(c.env.DB, adminId, message, run.reply, run.toolCalls);
      return c.json({ reply: run.reply, provider: provider.name, toolCalls: run.toolCalls }, 200);
    })
    .openapi(history, async (c) => c.json({ entries: await readHistory(c.env.DB, c.get("user").employeeId) }, 200))
    .openapi(clear, async (c) => c.json({ deleted: await clearHistory(c.env.DB, c.get("user").employeeId) }, 200));
}

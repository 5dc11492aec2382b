import { OpenAPIHono, type Hook } from "@hono/zod-openapi";
import { ApiErrorResponse } from "@clawgate/contracts";
import type { ZodType } from "zod";
import type { AppEnv } from "../auth/middleware.ts";
import { apiError, zodIssues } from "./errors.ts";

/** Bad params, query or body: 400 in the API error shape, before the handler runs, so nothing changes. */
const rejectInvalid: Hook<unknown, AppEnv, string, Response | undefined> = (result, c) => {
  if (result.success) return undefined;
  const issues = zodIssues(result.error);
  const first = issues[0];
  return apiError(c, 400, "invalid_request", first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid request", { issues });
};

/**
 * A router whose routes are declared with `createRoute`: the zod schemas validate the request and
 * generate `/api/openapi.json`. Every API module builds its routes on one of these.
 */
export const apiRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });

export const SESSION_SECURITY = [{ session: [] }];

export function jsonContent<T extends ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

const ERROR_DESCRIPTIONS = {
  400: "Invalid request: `error.issues` lists each offending field.",
  401: "No valid session.",
  403: "The caller's role may not do this.",
  404: "No such resource in the caller's scope.",
  409: "Conflicts with the current state; `error.blockers` says what blocks a delete.",
} as const;

/** Error responses of a route, all in the one API error shape. */
export function errorResponses<S extends keyof typeof ERROR_DESCRIPTIONS>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((status) => [status, jsonContent(ApiErrorResponse, ERROR_DESCRIPTIONS[status])])) as Record<S, ReturnType<typeof jsonContent<typeof ApiErrorResponse>>>;
}

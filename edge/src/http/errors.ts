import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

/** The one error shape of the API: `{error: {code, message, ...details}}` with the right status. */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, details: Record<string, unknown> = {}) {
  return c.json({ error: { code, message, ...details } }, status);
}

/** Thrown from handlers and helpers; `onError` turns it into the API error shape. */
export class ApiFailure extends HTTPException {
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: ContentfulStatusCode, code: string, message: string, details: Record<string, unknown> = {}) {
    super(status, { message });
    this.code = code;
    this.details = details;
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

/** 400 for input that fails validation; `issues` names every offending field, `message` the first. */
export function invalidRequest(issues: ValidationIssue[]): ApiFailure {
  const first = issues[0];
  const message = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid request";
  return new ApiFailure(400, "invalid_request", message, { issues });
}

export function zodIssues(error: ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

export function onError(error: Error, c: Context) {
  if (error instanceof ApiFailure) return apiError(c, error.status as ContentfulStatusCode, error.code, error.message, error.details);
  // Hono's own validators throw these for a malformed JSON body or a missing content type.
  if (error instanceof HTTPException) return apiError(c, error.status as ContentfulStatusCode, error.status === 400 ? "invalid_request" : "http_error", error.message);
  console.error("unhandled error", error);
  return apiError(c, 500, "internal_error", "Something went wrong on our side.");
}

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one error shape of the API: `{error: {code, message}}` with the right status. */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

export class ApiFailure extends HTTPException {
  readonly code: string;

  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(status, { message });
    this.code = code;
  }
}

export function onError(error: Error, c: Context) {
  if (error instanceof ApiFailure) return apiError(c, error.status as ContentfulStatusCode, error.code, error.message);
  if (error instanceof HTTPException) return apiError(c, error.status as ContentfulStatusCode, "http_error", error.message);
  console.error("unhandled error", error);
  return apiError(c, 500, "internal_error", "Something went wrong on our side.");
}

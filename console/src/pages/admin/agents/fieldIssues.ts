import { ApiError } from "../../../api.ts";

/**
 * A 400's validation issues by field (`issues: [{path, message}]`), so each message can stand next
 * to its input. The first path segment names the field: `bedrock.region` belongs to `bedrock`.
 */
export function fieldIssues(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || err.status !== 400) return {};
  const issues = err.details["issues"];
  if (!Array.isArray(issues)) return {};
  const byField: Record<string, string> = {};
  for (const issue of issues as { path?: unknown; message?: unknown }[]) {
    if (typeof issue.path !== "string" || typeof issue.message !== "string") continue;
    const field = issue.path.split(".")[0] ?? "";
    byField[field] = byField[field] ? `${byField[field]}; ${issue.message}` : issue.message;
  }
  return byField;
}

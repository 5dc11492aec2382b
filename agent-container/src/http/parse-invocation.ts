import { InvocationRequest } from "@clawgate/contracts";

export interface InvocationIssue {
  /** Dotted path into the request, e.g. `plan.identity.email`; empty for the body as a whole. */
  path: string;
  message: string;
}

export type ParsedInvocation =
  | { ok: true; request: InvocationRequest }
  | { ok: false; error: { message: string; issues: InvocationIssue[] } };

/** Enough to fix a request by; a hostile body cannot make the answer arbitrarily large. */
const MAX_ISSUES = 20;

/** The body of `POST /invocations`, validated; a bad one yields the zod issue list for a 400. */
export function parseInvocation(body: string): ParsedInvocation {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: { message: "the invocation body is not valid JSON", issues: [] } };
  }
  const parsed = InvocationRequest.safeParse(json);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  const shown = issues.slice(0, MAX_ISSUES);
  const first = shown[0];
  return {
    ok: false,
    error: {
      message: `invalid invocation: ${issues.length} issue${issues.length === 1 ? "" : "s"}${first ? `, first at ${first.path || "(body)"}: ${first.message}` : ""}`,
      issues: shown,
    },
  };
}

/**
 * The console on Cloudflare Pages: every API (and twin page) request goes to the edge Worker over a
 * service binding, on the console's own origin, so the session cookie stays first-party and the
 * Worker sees the request exactly as the browser sent it (method, path, query, headers, body).
 */

/** The part of a Pages Function's context this proxy uses. */
export interface EdgeProxyContext {
  request: Request;
  env: { EDGE?: { fetch: (request: Request) => Promise<Response> } };
}

function badGateway(message: string): Response {
  // The same `{error:{code,message}}` shape the Worker answers with, so the console shows the message.
  return Response.json({ error: { code: "edge_unavailable", message } }, { status: 502, headers: { "Cache-Control": "no-store" } });
}

export async function forwardToEdge({ request, env }: EdgeProxyContext): Promise<Response> {
  if (!env.EDGE) {
    return badGateway("The console cannot reach the ClawGate Worker: the EDGE service binding is missing from this Pages project.");
  }
  try {
    return await env.EDGE.fetch(request);
  } catch (err) {
    const reason = err instanceof Error && err.message ? ` (${err.message})` : "";
    return badGateway(`The console could not reach the ClawGate Worker${reason}. Try again in a moment.`);
  }
}

import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { TwinToken } from "@clawgate/contracts";
import type { AppEnv } from "../auth/middleware.ts";
import { countView, liveTwin } from "../twin/twin-rows.ts";
import { newVisitorId, VISITOR_COOKIE, visitorCookieHeader } from "../twin/visitor.ts";
import { twinPageHtml } from "./twin-page-html.ts";

/**
 * GET /twin/<token>: the page a visitor opens, served by the Worker itself. The token is checked
 * against D1 on every request, so a twin switched off or a regenerated link answers 404 at once.
 */
export const twinPage = new Hono<AppEnv>().get("/:token", async (c) => {
  const token = c.req.param("token");
  const twin = TwinToken.safeParse(token).success ? await liveTwin(c.env.DB, token) : null;
  if (!twin) return c.html(notFoundHtml(), 404, { "cache-control": "no-store" });
  await countView(c.env.DB, twin.employeeId);
  const nonce = newVisitorId();
  const headers: Record<string, string> = {
    "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
  };
  if (!getCookie(c, VISITOR_COOKIE)) headers["set-cookie"] = visitorCookieHeader(newVisitorId());
  return c.html(twinPageHtml({ name: twin.employeeName, chatPath: `/api/public/twin/${token}/chat`, nonce }), 200, headers);
});

function notFoundHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>This link does not work</h1><p>The assistant you are looking for is not available.</p></main></body></html>`;
}

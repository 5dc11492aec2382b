import { createRoute } from "@hono/zod-openapi";
import { RuntimeInfo } from "@clawgate/contracts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../http/openapi.ts";

const runtimeInfo = createRoute({
  tags: ["portal"],
  security: SESSION_SECURITY,
  method: "get",
  path: "/",
  summary: "Which model the default runtime answers with (the console shows a banner for the offline model)",
  responses: { 200: jsonContent(RuntimeInfo, "The default runtime's model"), ...errorResponses(401) },
});

/**
 * Which model the default runtime answers with, so the console can show the offline-model banner.
 * Plain HTTP runtimes say so on `GET /info`; for others the latest turn's model tells.
 */
export const runtimeInfoRoutes = apiRouter().openapi(runtimeInfo, async (c) => {
  const runtime = await c.env.DB.prepare("SELECT kind, endpoint FROM runtimes WHERE is_default = 1 LIMIT 1").first<{ kind: string; endpoint: string }>();
  let info: RuntimeInfo = { offlineModel: false, model: null };
  if (runtime?.kind === "http") {
    try {
      const res = await fetch(`${runtime.endpoint.replace(/\/$/, "")}/info`, { signal: AbortSignal.timeout(1500) });
      const reported = res.ok ? RuntimeInfo.safeParse(await res.json()) : null;
      if (reported?.success) info = reported.data;
    } catch {
      // Runtime not reachable: fall back to the latest turn.
    }
  }
  if (info.model === null) {
    const last = await c.env.DB.prepare("SELECT model FROM usage ORDER BY at DESC LIMIT 1").first<{ model: string }>();
    if (last) info = { offlineModel: last.model === "clawgate-offline", model: last.model };
  }
  return c.json(info, 200);
});

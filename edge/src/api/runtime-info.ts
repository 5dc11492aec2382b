import { Hono } from "hono";
import type { RuntimeInfo } from "@clawgate/contracts";
import type { AppEnv } from "../auth/middleware.ts";

/**
 * Which model the default runtime answers with, so the console can show the offline-model banner.
 * Plain HTTP runtimes say so on `GET /info`; for others the latest turn's model tells.
 */
export const runtimeInfoRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const runtime = await c.env.DB.prepare("SELECT kind, endpoint FROM runtimes WHERE is_default = 1 LIMIT 1").first<{ kind: string; endpoint: string }>();
  let info: RuntimeInfo = { offlineModel: false, model: null };
  if (runtime?.kind === "http") {
    try {
      const res = await fetch(`${runtime.endpoint.replace(/\/$/, "")}/info`, { signal: AbortSignal.timeout(1500) });
      if (res.ok) info = (await res.json()) as RuntimeInfo;
    } catch {
      // Runtime not reachable: fall back to the latest turn.
    }
  }
  if (info.model === null) {
    const last = await c.env.DB.prepare("SELECT model FROM usage ORDER BY at DESC LIMIT 1").first<{ model: string }>();
    if (last) info = { offlineModel: last.model === "clawgate-offline", model: last.model };
  }
  return c.json(info);
});

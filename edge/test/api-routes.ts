import { app } from "../src/app.ts";

/** Every /api route (method + Hono path). `ALL` entries are middleware (`app.use`) and the 404 catch-all, never a route. */
export function apiRoutes(): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of app.routes) {
    if (!route.path.startsWith("/api") || route.method === "ALL") continue;
    seen.set(`${route.method} ${route.path}`, { method: route.method, path: route.path });
  }
  return [...seen.values()];
}

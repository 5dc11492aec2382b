import { Hono } from "hono";
import { acme } from "./seed/acme/index.ts";
import { seedOrg } from "./seed/seed.ts";
import { authRoutes } from "./api/auth.ts";
import { chatRoutes } from "./api/portal/chat.ts";
import { runtimeInfoRoutes } from "./api/runtime-info.ts";
import { requireSession, type AppEnv } from "./auth/middleware.ts";
import { apiError, onError } from "./http/errors.ts";

const DEMO_ORGS = { acme };
let seeding: Promise<unknown> | null = null;

export const app = new Hono<AppEnv>();

app.onError(onError);

// Local dev only: `npm run dev` sets DEMO_SEED; the first request seeds the org once.
app.use("*", async (c, next) => {
  const org = c.env.DEMO_SEED ? DEMO_ORGS[c.env.DEMO_SEED as keyof typeof DEMO_ORGS] : undefined;
  if (org) {
    seeding ??= seedOrg(c.env.DB, c.env.CONTENT, org, { runtimeUrl: c.env.LOCAL_RUNTIME_URL ?? "http://127.0.0.1:8080" }).catch((error: unknown) => {
      seeding = null;
      throw error;
    });
    await seeding;
  }
  await next();
});

app.get("/api/health", (c) => c.json({ ok: true }));
app.route("/api/auth", authRoutes);
app.use("/api/portal/*", requireSession);
app.route("/api/portal", chatRoutes);
app.use("/api/runtime-info", requireSession);
app.route("/api/runtime-info", runtimeInfoRoutes);
app.all("/api/*", (c) => apiError(c, 404, "not_found", "No such API route."));

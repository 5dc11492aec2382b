import { createRoute, z } from "@hono/zod-openapi";
import { acme } from "./seed/acme/index.ts";
import { seedOrg } from "./seed/seed.ts";
import { authRoutes } from "./api/auth/index.ts";
import { adminRoutes } from "./api/admin/index.ts";
import { chatRoutes } from "./api/portal/chat.ts";
import { skillPortalRoutes } from "./api/portal/skills.ts";
import { skillAdminRoutes } from "./api/admin/skills.ts";
import { knowledgePortalRoutes } from "./api/portal/knowledge.ts";
import { knowledgeRoutes } from "./api/admin/knowledge.ts";
import { soulPortalRoutes } from "./api/portal/soul.ts";
import { soulAdminRoutes } from "./api/admin/soul.ts";
import { agentConfigRoutes } from "./api/admin/agent-config.ts";
import { agentListRoutes } from "./api/admin/agents.ts";
import { modelRoutes } from "./api/admin/models.ts";
import { runtimeRoutes } from "./api/admin/runtimes.ts";
import { routingRoutes } from "./api/admin/runtimes-routing.ts";
import { configApplyRoutes } from "./api/admin/config-apply.ts";
import { runtimeInfoRoutes } from "./api/runtime-info.ts";
import { auditRoutes } from "./api/admin/audit.ts";
import { usageRoutes } from "./api/admin/usage.ts";
import { pricingRoutes } from "./api/admin/pricing.ts";
import { budgetRoutes } from "./api/admin/budgets.ts";
import { guardrailRoutes } from "./api/admin/guardrails.ts";
import { portalUsageRoutes } from "./api/portal/usage.ts";
import { channelPortalRoutes } from "./api/portal/channels.ts";
import { twinPortalRoutes } from "./api/portal/twin.ts";
import { schedulePortalRoutes } from "./api/portal/schedules.ts";
import { inboxPortalRoutes } from "./api/portal/inbox.ts";
import { memoryPortalRoutes } from "./api/portal/memory.ts";
import { heartbeatPortalRoutes } from "./api/portal/heartbeat.ts";
import { scheduleAdminRoutes } from "./api/admin/schedules.ts";
import { playgroundRoutes } from "./api/admin/playground.ts";
import { assistantRoutes } from "./api/admin/assistant.ts";
import { twinPublicRoutes } from "./public/twin-chat.ts";
import { twinPage } from "./public/twin-page.ts";
import { telegramWebhook } from "./webhooks/telegram/route.ts";
import { slackWebhook } from "./webhooks/slack/route.ts";
import { channelAdminRoutes } from "./api/admin/channels.ts";
import { discordWebhook } from "./webhooks/discord/route.ts";
import { feishuWebhook } from "./webhooks/feishu/route.ts";
import { requireSession } from "./auth/middleware.ts";
import { requireStaff } from "./auth/scope.ts";
import { SESSION_COOKIE } from "./auth/sessions.ts";
import { apiError, onError } from "./http/errors.ts";
import { apiRouter, jsonContent } from "./http/openapi.ts";

const DEMO_ORGS = { acme };
let seeding: Promise<unknown> | null = null;

/** Every /api route is declared with its zod schemas, which also generate /api/openapi.json. */
export const app = apiRouter();

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

const health = createRoute({
  method: "get",
  path: "/api/health",
  summary: "Liveness",
  responses: { 200: jsonContent(z.object({ ok: z.literal(true) }), "The Worker is up") },
});
app.openapi(health, (c) => c.json({ ok: true as const }, 200));
app.route("/api/auth", authRoutes);
app.use("/api/portal/*", requireSession);
app.route("/api/portal", chatRoutes);
app.route("/api/portal", soulPortalRoutes);
app.route("/api/portal", skillPortalRoutes);
app.route("/api/portal", knowledgePortalRoutes);
app.route("/api/portal", portalUsageRoutes);
app.route("/api/portal", channelPortalRoutes);
app.route("/api/portal", twinPortalRoutes);
app.route("/api/portal", schedulePortalRoutes);
app.route("/api/portal", inboxPortalRoutes);
app.route("/api/portal", memoryPortalRoutes);
app.route("/api/portal", heartbeatPortalRoutes);
app.use("/api/runtime-info", requireSession);
app.route("/api/runtime-info", runtimeInfoRoutes);
app.use("/api/admin/*", requireSession, requireStaff);
app.route("/api/admin", adminRoutes);
app.route("/api/admin", soulAdminRoutes);
app.route("/api/admin", agentConfigRoutes);
app.route("/api/admin", agentListRoutes);
app.route("/api/admin", modelRoutes);
app.route("/api/admin", runtimeRoutes);
app.route("/api/admin", routingRoutes);
app.route("/api/admin", configApplyRoutes);
app.route("/api/admin", auditRoutes);
app.route("/api/admin", usageRoutes);
app.route("/api/admin", pricingRoutes);
app.route("/api/admin", budgetRoutes);
app.route("/api/admin", guardrailRoutes);
app.route("/api/admin", skillAdminRoutes);
app.route("/api/admin", knowledgeRoutes);
app.route("/api/admin", channelAdminRoutes);
app.route("/api/admin", playgroundRoutes);
app.route("/api/admin", scheduleAdminRoutes);
app.route("/api/admin", assistantRoutes((request, env, ctx) => app.fetch(request, env, ctx)));
// Public, no session: the twin token in the path is the credential (public/twin-chat.ts).
app.route("/api/public", twinPublicRoutes);

app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: SESSION_COOKIE });
app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: { title: "ClawGate API", version: "1", description: "The edge Worker's API. Errors are `{error: {code, message}}` with the right status." },
});

app.route("/twin", twinPage);
app.route("/webhooks/telegram", telegramWebhook);
app.route("/webhooks/slack", slackWebhook);
app.route("/webhooks/discord", discordWebhook);
app.route("/webhooks/feishu", feishuWebhook);

app.all("/api/*", (c) => apiError(c, 404, "not_found", "No such API route."));

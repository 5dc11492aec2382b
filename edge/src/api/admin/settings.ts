import { createRoute } from "@hono/zod-openapi";
import { OrgSettings, OrgSettingsPatch } from "@clawgate/contracts";
import { createMiddleware } from "hono/factory";
import { auditStatement } from "../../audit.ts";
import type { AppEnv } from "../../auth/middleware.ts";
import { bumpConfigVersion } from "../../config-version.ts";
import { apiError } from "../../http/errors.ts";
import { apiRouter, errorResponses, jsonContent, SESSION_SECURITY } from "../../http/openapi.ts";
import { readOrgSettings, writeSettingsStatements } from "../../operations/org-settings.ts";

/**
 * The organisation's settings (admins only): its name (in every plan), the language new employees
 * start with, and whether digital twins are allowed at all. Changes are audited as config.changed
 * (area "settings"); a new name bumps the configuration version so the next turn of every agent
 * carries it.
 */
const common = { tags: ["operations"], security: SESSION_SECURITY };

const read = createRoute({
  ...common,
  method: "get",
  path: "/settings",
  summary: "The organisation's settings (admins)",
  responses: { 200: jsonContent(OrgSettings, "The settings in force"), ...errorResponses(401, 403) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/settings",
  summary: "Change some of the organisation's settings (admins); audited",
  request: { body: { content: { "application/json": { schema: OrgSettingsPatch } }, required: true } },
  responses: { 200: jsonContent(OrgSettings, "The settings now in force"), ...errorResponses(400, 401, 403) },
});

// Before validation, so a manager is told 403 whatever they send.
const adminsOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("user").role !== "admin") return apiError(c, 403, "forbidden", "Only admins may see or change the organisation's settings.");
  await next();
});

const settingsRouter = apiRouter();
settingsRouter.use("/settings", adminsOnly);

export const settingsRoutes = settingsRouter
  .openapi(read, async (c) => c.json(await readOrgSettings(c.env.DB), 200))
  .openapi(update, async (c) => {
    const db = c.env.DB;
    const patch = c.req.valid("json");
    const before = await readOrgSettings(db);
    const changed = (Object.keys(patch) as (keyof OrgSettings)[]).filter((key) => patch[key] !== before[key]);
    if (changed.length > 0) {
      const effective = Object.fromEntries(changed.map((key) => [key, patch[key]])) as OrgSettingsPatch;
      await db.batch([
        ...writeSettingsStatements(db, effective),
        ...(changed.includes("organisationName") ? [bumpConfigVersion(db)] : []),
        auditStatement(db, "config.changed", c.get("user").employeeId, null, { area: "settings", keys: changed }),
      ]);
    }
    return c.json(await readOrgSettings(db), 200);
  });

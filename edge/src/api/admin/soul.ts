import { requireAdmin, scopeOf } from "../../auth/scope.ts";
import { apiRouter } from "../../http/openapi.ts";
import { GLOBAL_LAYER } from "../../soul/layers.ts";
import { employeeTarget, positionTarget } from "./agent-config-targets.ts";
import { soulLayerRoutes } from "./soul-routes.ts";

/**
 * The SOUL editor for staff (/api/admin): the global layer (everyone's agent; admins change it,
 * managers read it), position layers (managers change those of their subtree) and personal
 * layers (admins, and managers for their people). Employees edit their own personal layer
 * through the portal (api/portal/soul.ts).
 */
const globalLayer = soulLayerRoutes({
  path: "/soul/global",
  tag: "soul",
  changers: "admin",
  resolve: async (c, access) => {
    if (access === "change") requireAdmin(await scopeOf(c.env.DB, c.get("user")), "change the global SOUL");
    return GLOBAL_LAYER;
  },
});

const positionLayer = soulLayerRoutes({
  path: "/positions/{id}/soul",
  tag: "soul",
  changers: "admin; a manager for positions of their subtree",
  resolve: async (c, access) => {
    const position = await positionTarget(c.env.DB, await scopeOf(c.env.DB, c.get("user")), c.req.param("id")!, access);
    return { kind: "position", scopeId: position.id };
  },
});

const personalLayer = soulLayerRoutes({
  path: "/employees/{id}/soul",
  tag: "soul",
  changers: "admin; a manager for employees of their subtree",
  resolve: async (c, access) => {
    const employee = await employeeTarget(c.env.DB, await scopeOf(c.env.DB, c.get("user")), c.req.param("id")!, access);
    return { kind: "personal", scopeId: employee.id };
  },
});

export const soulAdminRoutes = apiRouter().route("/", globalLayer).route("/", positionLayer).route("/", personalLayer);

import { soulLayerRoutes } from "../admin/soul-routes.ts";

/** The employee's own personal SOUL layer: every operation acts on the caller's layer, never on an id from the request. */
export const soulPortalRoutes = soulLayerRoutes({
  path: "/soul",
  tag: "portal",
  changers: "yourself",
  resolve: async (c) => ({ kind: "personal", scopeId: c.get("user").employeeId }),
});

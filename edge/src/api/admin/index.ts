import { apiRouter } from "../../http/openapi.ts";
import { departmentRoutes } from "./departments.ts";
import { employeeRoutes } from "./employees.ts";
import { positionRoutes } from "./positions.ts";

/** The organisation API under /api/admin; app.ts puts it behind requireSession and requireStaff. */
export const adminRoutes = apiRouter().route("/", departmentRoutes).route("/", positionRoutes).route("/", employeeRoutes);

import { apiRouter } from "../../http/openapi.ts";
import { departmentRoutes } from "./departments.ts";
import { employeeRoutes } from "./employees.ts";
import { positionRoutes } from "./positions.ts";
import { dashboardRoutes } from "./dashboard.ts";
import { monitorRoutes } from "./monitor.ts";
import { settingsRoutes } from "./settings.ts";

/** The organisation API and its operation (dashboard, monitor, settings) under /api/admin; app.ts puts it behind requireSession and requireStaff. */
export const adminRoutes = apiRouter()
  .route("/", departmentRoutes)
  .route("/", positionRoutes)
  .route("/", employeeRoutes)
  .route("/", dashboardRoutes)
  .route("/", monitorRoutes)
  .route("/", settingsRoutes);

import { apiRouter } from "../../http/openapi.ts";
import { skillCatalogRoutes } from "./skills-catalog.ts";
import { skillInstallRoutes } from "./skills-installs.ts";
import { skillRequestRoutes } from "./skills-requests.ts";
import { skillSecretRoutes } from "./skills-secrets.ts";
import { skillSubmissionRoutes } from "./skills-submissions.ts";

/** The skills API under /api/admin (app.ts puts it behind requireSession and requireStaff). */
export const skillAdminRoutes = apiRouter()
  .route("/", skillCatalogRoutes)
  .route("/", skillSecretRoutes)
  .route("/", skillRequestRoutes)
  .route("/", skillInstallRoutes)
  .route("/", skillSubmissionRoutes);

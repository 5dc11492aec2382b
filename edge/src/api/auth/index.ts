import { apiRouter } from "../../http/openapi.ts";
import { loginRoutes } from "./login.ts";
import { passwordRoutes } from "./password.ts";
import { sessionRoutes } from "./session.ts";
import { setupRoutes } from "./setup.ts";
import { ssoRoutes } from "./sso.ts";

/** Everything under /api/auth: password sign-in, sessions, the password change, single sign-on and first-run setup. */
export const authRoutes = apiRouter().route("/", loginRoutes).route("/", sessionRoutes).route("/", passwordRoutes).route("/", ssoRoutes).route("/", setupRoutes);

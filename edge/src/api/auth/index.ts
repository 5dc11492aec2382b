import { apiRouter } from "../../http/openapi.ts";
import { loginRoutes } from "./login.ts";
import { passwordRoutes } from "./password.ts";
import { sessionRoutes } from "./session.ts";
import { ssoRoutes } from "./sso.ts";

/** Everything under /api/auth: password sign-in, sessions, the password change and single sign-on. */
export const authRoutes = apiRouter().route("/", loginRoutes).route("/", sessionRoutes).route("/", passwordRoutes).route("/", ssoRoutes);

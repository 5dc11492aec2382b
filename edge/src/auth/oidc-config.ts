import { z } from "zod";
import type { Env } from "@clawgate/durable-objects";
import { ApiFailure } from "../http/errors.ts";

/**
 * Single sign-on is configured with Worker vars (wrangler.toml [vars]) plus one Worker secret,
 * OIDC_CLIENT_SECRET. It is off while OIDC_ISSUER is unset.
 */
export interface SsoVars {
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  /** Comma-separated absolute URLs a finished sign-in may land on; the first is the default. */
  SSO_REDIRECT_ALLOWLIST?: string;
  /** Just-in-time provisioning of unknown (verified) emails into this position; off when unset. */
  SSO_DEFAULT_POSITION_ID?: string;
  /** Role of provisioned employees: employee (default) or manager — never admin. */
  SSO_DEFAULT_ROLE?: string;
}

const absoluteUrl = z.url({ protocol: /^https?$/ });

const SsoSettings = z.object({
  OIDC_ISSUER: absoluteUrl,
  OIDC_CLIENT_ID: z.string().min(1, "OIDC_CLIENT_ID is required"),
  OIDC_CLIENT_SECRET: z.string().min(1, "OIDC_CLIENT_SECRET (a Worker secret) is required"),
  SSO_REDIRECT_ALLOWLIST: z
    .string()
    .transform((list) => list.split(",").map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(absoluteUrl).min(1, "SSO_REDIRECT_ALLOWLIST needs at least one URL")),
  SSO_DEFAULT_POSITION_ID: z.string().min(1).optional(),
  SSO_DEFAULT_ROLE: z.enum(["employee", "manager"], "SSO_DEFAULT_ROLE must be employee or manager (never admin)").default("employee"),
});

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectAllowlist: string[];
  provisioning: { positionId: string; role: "employee" | "manager" } | null;
}

/** The SSO configuration, null when SSO is off; a half-done configuration is a 500, never a silent fallback. */
export function ssoConfig(env: Env): SsoConfig | null {
  const vars = env as Env & SsoVars;
  if (!vars.OIDC_ISSUER) return null;
  const parsed = SsoSettings.safeParse(vars);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiFailure(500, "misconfigured", `Single sign-on is misconfigured: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim());
  }
  const s = parsed.data;
  return {
    issuer: s.OIDC_ISSUER,
    clientId: s.OIDC_CLIENT_ID,
    clientSecret: s.OIDC_CLIENT_SECRET,
    redirectAllowlist: s.SSO_REDIRECT_ALLOWLIST,
    provisioning: s.SSO_DEFAULT_POSITION_ID ? { positionId: s.SSO_DEFAULT_POSITION_ID, role: s.SSO_DEFAULT_ROLE } : null,
  };
}

export function requireSsoConfig(env: Env): SsoConfig {
  const config = ssoConfig(env);
  if (!config) throw new ApiFailure(404, "sso_disabled", "Single sign-on is not configured.");
  return config;
}

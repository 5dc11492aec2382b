import { z } from "zod";
import { ApiFailure } from "../http/errors.ts";

const ProviderMetadata = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});
export type ProviderMetadata = z.infer<typeof ProviderMetadata>;

/**
 * The IdP's discovery document, read on every sign-in: two extra subrequests per login are cheap,
 * and a rotated endpoint is never served stale. The issuer it states must be the configured one
 * exactly (OpenID Connect Discovery §4.3), or a look-alike document could redirect the flow.
 */
export async function discoverProvider(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const res = await fetch(url, { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (error) {
    throw new ApiFailure(502, "idp_unavailable", `The identity provider's discovery document could not be read (${(error as Error).message}).`);
  }
  const parsed = ProviderMetadata.safeParse(body);
  if (!parsed.success) throw new ApiFailure(502, "idp_unavailable", "The identity provider's discovery document is incomplete.");
  if (parsed.data.issuer !== issuer) throw new ApiFailure(502, "idp_unavailable", "The identity provider's discovery document names a different issuer.");
  return parsed.data;
}

import { sha256Hex } from "@clawgate/contracts";

/** 256 random bits, base64url: unguessable, and safe in a URL path. */
export function newTwinToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Only this is stored: a leaked database row does not give anyone a working link. */
export const twinTokenHash = (token: string) => sha256Hex(`twin:${token}`);

import { freshTimestamp, fromHex, utf8 } from "../replay-window.ts";

/** Discord's Ed25519 signature over `timestamp + raw body` with the application's public key. */
export async function verifyDiscord(rawBody: string, timestamp: string | undefined, signature: string | undefined, publicKeyHex: string | undefined, nowMs = Date.now()): Promise<boolean> {
  const key = publicKeyHex ? fromHex(publicKeyHex) : null;
  const sig = signature ? fromHex(signature) : null;
  if (!key || key.length !== 32 || !sig || sig.length !== 64 || !freshTimestamp(timestamp, nowMs)) return false;
  try {
    const publicKey = await crypto.subtle.importKey("raw", key, { name: "Ed25519" }, false, ["verify"]);
    return await crypto.subtle.verify({ name: "Ed25519" }, publicKey, sig, utf8(`${timestamp}${rawBody}`));
  } catch {
    return false;
  }
}

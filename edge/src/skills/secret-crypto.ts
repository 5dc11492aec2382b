import { ApiFailure } from "../http/errors.ts";

/**
 * Skill secrets at rest: AES-256-GCM (WebCrypto) under a key from the SKILL_SECRETS_KEY Worker
 * secret (64 hex characters; `npm run dev` makes one per dev state folder). Each value gets its own
 * random 96-bit IV, and the skill and secret names are bound in as additional data, so a
 * ciphertext copied onto another row does not decrypt. D1 never sees a plaintext or the key.
 */

export interface SealedSecret {
  /** base64 of the ciphertext followed by its 128-bit tag. */
  ciphertext: string;
  /** base64 of the 12-byte IV. */
  iv: string;
}

export interface SecretSlot {
  skill: string;
  key: string;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const additionalData = (slot: SecretSlot) => new TextEncoder().encode(`clawgate skill secret\u0000${slot.skill}\u0000${slot.key}`);

/** The encryption key, or 503 when the Worker has no usable SKILL_SECRETS_KEY (fail closed: never store in clear). */
export async function skillSecretsKey(raw: string | undefined): Promise<CryptoKey> {
  if (!raw || !/^[0-9a-fA-F]{64}$/.test(raw)) {
    throw new ApiFailure(503, "secrets_unavailable", "Skill secrets cannot be stored: the Worker secret SKILL_SECRETS_KEY (64 hex characters) is not configured.");
  }
  const bytes = Uint8Array.from(raw.match(/../g)!, (pair) => parseInt(pair, 16));
  return crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function sealSecret(key: CryptoKey, slot: SecretSlot, plaintext: string): Promise<SealedSecret> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: additionalData(slot) }, key, new TextEncoder().encode(plaintext));
  return { ciphertext: toBase64(new Uint8Array(ciphertext)), iv: toBase64(iv) };
}

/** Throws when the value was not sealed for this slot with this key. */
export async function openSecret(key: CryptoKey, slot: SecretSlot, sealed: SealedSecret): Promise<string> {
  const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(sealed.iv), additionalData: additionalData(slot) }, key, fromBase64(sealed.ciphertext));
  return new TextDecoder().decode(plaintext);
}

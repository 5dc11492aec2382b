import { secretsMatch } from "../constant-time.ts";
import { freshTimestamp, hex, utf8 } from "../replay-window.ts";

/** `X-Lark-Signature` = hex SHA-256(timestamp + nonce + encrypt key + raw body), timestamp within five minutes. */
export async function verifyFeishuSignature(
  rawBody: string,
  headers: { timestamp?: string; nonce?: string; signature?: string },
  encryptKey: string,
  nowMs = Date.now(),
): Promise<boolean> {
  if (!headers.signature || headers.nonce === undefined || !freshTimestamp(headers.timestamp, nowMs)) return false;
  const expected = hex(await crypto.subtle.digest("SHA-256", utf8(`${headers.timestamp}${headers.nonce}${encryptKey}${rawBody}`)));
  return secretsMatch(headers.signature.toLowerCase(), expected);
}

/** The `encrypt` field: AES-256-CBC with key SHA-256(encrypt key), IV the first 16 bytes; null if it does not decrypt. */
export async function decryptFeishu(encrypted: string, encryptKey: string): Promise<unknown> {
  try {
    const data = Uint8Array.from(atob(encrypted), (ch) => ch.charCodeAt(0));
    const key = await crypto.subtle.importKey("raw", await crypto.subtle.digest("SHA-256", utf8(encryptKey)), { name: "AES-CBC" }, false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt({ name: "AES-CBC", iv: data.slice(0, 16) }, key, data.slice(16));
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return null;
  }
}

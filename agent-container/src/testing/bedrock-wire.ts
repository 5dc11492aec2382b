/**
 * Test-only: what a fake Bedrock needs to speak the real wire protocol — event-stream frames with
 * CRCs from node:zlib (independent of the decoder under test) and an independent SigV4 check.
 */
import { createHash, createHmac } from "node:crypto";
import { crc32 } from "node:zlib";

const enc = new TextEncoder();

/** One `application/vnd.amazon.eventstream` frame with string headers and a JSON payload. */
export function eventStreamFrame(headers: Record<string, string>, payload: unknown): Uint8Array {
  const headerBytes: number[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = enc.encode(name);
    const v = enc.encode(value);
    headerBytes.push(n.length, ...n, 7, v.length >> 8, v.length & 0xff, ...v);
  }
  const body = enc.encode(JSON.stringify(payload));
  const total = 16 + headerBytes.length + body.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headerBytes.length);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  out.set(headerBytes, 12);
  out.set(body, 12 + headerBytes.length);
  view.setUint32(total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}

/** A ConverseStream event (`messageStart`, `contentBlockDelta`, `metadata`…); `p` pads like Bedrock does. */
export const converseEvent = (type: string, body: Record<string, unknown>) =>
  eventStreamFrame({ ":event-type": type, ":content-type": "application/json", ":message-type": "event" }, { ...body, p: "abcdefgh" });

/** An exception frame, as Bedrock sends inside an HTTP 200 once the stream has started. */
export const converseException = (type: string, message: string) =>
  eventStreamFrame({ ":exception-type": type, ":content-type": "application/json", ":message-type": "exception" }, { message });

export interface SignedRequest {
  method: string;
  /** Path and query exactly as they arrived on the wire. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export type SigV4Check =
  | { ok: true; accessKeyId: string; scope: string; sessionToken: string | undefined }
  | { ok: false; reason: string };

const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Recomputes an `AWS4-HMAC-SHA256` Authorization header from the request as received, per the
 * SigV4 spec for services other than S3 (each path segment encoded once more in the canonical URI).
 */
export function verifySigV4(request: SignedRequest, secretFor: (accessKeyId: string) => string | undefined): SigV4Check {
  const auth = request.headers.authorization ?? "";
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8}\/[^/]+\/[^/]+\/aws4_request), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) return { ok: false, reason: `malformed Authorization header: ${auth.slice(0, 80)}` };
  const [, accessKeyId, scope, signedHeaders, signature] = match as unknown as [string, string, string, string, string];
  const secret = secretFor(accessKeyId);
  if (!secret) return { ok: false, reason: `unknown access key ${accessKeyId}` };
  const amzDate = request.headers["x-amz-date"] ?? "";
  if (!scope.startsWith(`${amzDate.slice(0, 8)}/`)) return { ok: false, reason: "credential scope date differs from x-amz-date" };

  const [path = "/", query = ""] = request.url.split("?", 2);
  const canonicalUri = path.split("/").map(rfc3986).join("/");
  const canonicalQuery = query
    .split("&")
    .filter(Boolean)
    .map((pair) => pair.split("=", 2).map((p) => rfc3986(decodeURIComponent(p))).join("="))
    .sort()
    .join("&");
  const names = signedHeaders.split(";");
  if (!names.includes("host")) return { ok: false, reason: "host is not signed" };
  const canonicalHeaders = names.map((n) => `${n}:${(request.headers[n] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const payloadHash = request.headers["x-amz-content-sha256"] ?? sha256Hex(request.body);
  if (payloadHash !== sha256Hex(request.body)) return { ok: false, reason: "payload hash mismatch" };
  const canonicalRequest = [request.method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const [date, region, service] = scope.split("/") as [string, string, string];
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
  const expected = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  if (expected !== signature) return { ok: false, reason: "signature mismatch" };
  return { ok: true, accessKeyId, scope, sessionToken: request.headers["x-amz-security-token"] };
}

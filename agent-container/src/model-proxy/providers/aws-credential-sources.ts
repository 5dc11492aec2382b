/**
 * Where the container's AWS credentials come from: the container credential endpoint (AgentCore,
 * ECS, EKS Pod Identity), static environment keys, or EC2 instance metadata (IMDSv2 only).
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch ms; absent for credentials that do not expire (static keys). */
  expiresAt?: number;
}

export interface CredentialSource {
  /** Names the source in error messages. */
  readonly name: string;
  load(): Promise<AwsCredentials>;
}

export interface SourceOptions {
  /** Base of AWS_CONTAINER_CREDENTIALS_RELATIVE_URI; fixed by AWS, overridable only for tests. */
  ecsHost?: string;
  timeoutMs?: number;
}

const ECS_HOST = "http://169.254.170.2";
const IMDS_ENDPOINTS = { IPv4: "http://169.254.169.254", IPv6: "http://[fd00:ec2::254]" };
const IMDS_TOKEN_TTL_SECONDS = "21600";
const DEFAULT_TIMEOUT_MS = 2_000;

/** The JSON shape both the container endpoint and IMDS answer with. */
const RemoteCredentials = z.object({
  AccessKeyId: z.string().min(1),
  SecretAccessKey: z.string().min(1),
  Token: z.string().min(1).optional(),
  Expiration: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a date").optional(),
  Code: z.string().optional(),
});

function fromRemote(body: unknown): AwsCredentials {
  const parsed = RemoteCredentials.safeParse(body);
  if (!parsed.success) throw new Error(`answered without usable credentials (${parsed.error.issues.map((i) => i.path.join(".") || i.message).join(", ")})`);
  const { AccessKeyId, SecretAccessKey, Token, Expiration, Code } = parsed.data;
  if (Code !== undefined && Code !== "Success") throw new Error(`answered Code ${Code}`);
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(Token ? { sessionToken: Token } : {}),
    ...(Expiration ? { expiresAt: Date.parse(Expiration) } : {}),
  };
}

async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new Error(`unreachable (${error instanceof Error ? error.message : String(error)}${cause})`);
  }
  if (!res.ok) throw new Error(`answered HTTP ${res.status}: ${(await res.text().catch(() => "")).slice(0, 200)}`);
  return res;
}

/**
 * Plain http is only allowed to the link-local container agents and to loopback, as in the AWS
 * SDKs: the authorization token must never travel in the clear to anything else.
 */
function checkFullUri(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL: ${raw}`);
  }
  if (url.protocol === "https:") return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowed =
    url.protocol === "http:" &&
    (host === "localhost" || host === "::1" || /^127\./.test(host) || ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"].includes(host));
  if (!allowed) throw new Error(`AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, loopback or the container agent address, got ${url.origin}`);
  return url;
}

/** AgentCore and ECS inject these variables; the token (or its file, which rotates) goes in Authorization. */
export function containerSource(env: NodeJS.ProcessEnv, options: SourceOptions = {}): CredentialSource | null {
  const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (!relative && !full) return null;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name: "container credential endpoint",
    async load() {
      const url = relative ? new URL(relative, options.ecsHost ?? ECS_HOST) : checkFullUri(full!);
      const headers: Record<string, string> = { accept: "application/json" };
      const tokenFile = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
      // Read on every load: EKS Pod Identity rotates the token file under a running process.
      const token = tokenFile ? (await readFile(tokenFile, "utf8")).trim() : env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
      if (token) {
        if (/[\r\n]/.test(token)) throw new Error("the container authorization token contains a line break");
        headers.authorization = token;
      }
      const res = await request(url.href, { headers }, timeoutMs);
      return fromRemote(await res.json().catch(() => null));
    },
  };
}

export function environmentSource(env: NodeJS.ProcessEnv): CredentialSource | null {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return null;
  const credentials: AwsCredentials = { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  return { name: "environment (AWS_ACCESS_KEY_ID)", load: async () => credentials };
}

/** IMDSv2 only: a session token first, then the instance role's name, then its credentials. */
export function instanceMetadataSource(env: NodeJS.ProcessEnv, options: SourceOptions = {}): CredentialSource | null {
  if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() === "true") return null;
  const mode = env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE === "IPv6" ? "IPv6" : "IPv4";
  const endpoint = (env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? IMDS_ENDPOINTS[mode]).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name: "instance metadata (IMDSv2)",
    async load() {
      const tokenRes = await request(
        `${endpoint}/latest/api/token`,
        { method: "PUT", headers: { "x-aws-ec2-metadata-token-ttl-seconds": IMDS_TOKEN_TTL_SECONDS } },
        timeoutMs,
      );
      const headers = { "x-aws-ec2-metadata-token": (await tokenRes.text()).trim() };
      const base = `${endpoint}/latest/meta-data/iam/security-credentials/`;
      const roles = await (await request(base, { headers }, timeoutMs)).text();
      const role = roles.split("\n")[0]?.trim();
      if (!role) throw new Error("the instance has no IAM role");
      const res = await request(base + encodeURIComponent(role), { headers }, timeoutMs);
      return fromRemote(await res.json().catch(() => null));
    },
  };
}

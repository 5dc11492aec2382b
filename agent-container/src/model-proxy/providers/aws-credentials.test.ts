import { afterEach, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsCredentialChain, NoAwsCredentialsError, REFRESH_MARGIN_MS } from "./aws-credentials.ts";

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
}

/** A small HTTP server on 127.0.0.1 standing in for a credential endpoint; records every request. */
async function fakeEndpoint(handler: (req: IncomingMessage, res: ServerResponse) => unknown) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    void Promise.resolve(handler(req, res)).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const endpoint = { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  cleanups.push(endpoint.close);
  return endpoint;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const json = (res: ServerResponse, body: unknown, status = 200) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

const T0 = Date.parse("2026-11-21T12:00:00Z");
const remote = (n: number, expiresAt: number) => ({
  AccessKeyId: `ASIA${n}`,
  SecretAccessKey: `secret-${n}`,
  Token: `session-${n}`,
  Expiration: new Date(expiresAt).toISOString(),
});
// Nothing in these tests may fall through to the real instance metadata service.
const NO_IMDS = { AWS_EC2_METADATA_DISABLED: "true" };

describe("container credential endpoint", () => {
  it("sends the authorization token and returns the credentials with their expiry", async () => {
    const ecs = await fakeEndpoint((_req, res) => json(res, remote(1, T0 + 3_600_000)));
    const chain = awsCredentialChain({
      ...NO_IMDS,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${ecs.url}/v1/credentials`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: "Bearer agentcore-token",
    }, { now: () => T0 });
    expect(await chain.get()).toEqual({ accessKeyId: "ASIA1", secretAccessKey: "secret-1", sessionToken: "session-1", expiresAt: T0 + 3_600_000 });
    expect(ecs.requests).toHaveLength(1);
    expect(ecs.requests[0]).toMatchObject({ method: "GET", url: "/v1/credentials" });
    expect(ecs.requests[0]!.headers.authorization).toBe("Bearer agentcore-token");
  });

  it("reads the token file on every refresh (it rotates) and prefers it to the token variable", async () => {
    const dir = await mkdtemp(join(tmpdir(), "clawgate-creds-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const tokenFile = join(dir, "token");
    await writeFile(tokenFile, "token-one\n");
    let now = T0;
    const ecs = await fakeEndpoint((_req, res) => json(res, remote(ecs.requests.length, now + 10 * 60_000)));
    const chain = awsCredentialChain({
      ...NO_IMDS,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: "ignored-when-a-file-is-given",
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
    }, { now: () => now });
    expect((await chain.get()).accessKeyId).toBe("ASIA1");
    await writeFile(tokenFile, "token-two\n");
    now += 6 * 60_000; // inside the refresh margin of the first credentials
    expect((await chain.get()).accessKeyId).toBe("ASIA2");
    expect(ecs.requests.map((r) => r.headers.authorization)).toEqual(["token-one", "token-two"]);
  });

  it("resolves AWS_CONTAINER_CREDENTIALS_RELATIVE_URI against the container agent address", async () => {
    const ecs = await fakeEndpoint((_req, res) => json(res, remote(7, T0 + 3_600_000)));
    const chain = awsCredentialChain(
      { ...NO_IMDS, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/3f2b?x=1" },
      { ecsHost: ecs.url, now: () => T0 },
    );
    expect((await chain.get()).accessKeyId).toBe("ASIA7");
    expect(ecs.requests[0]!.url).toBe("/v2/credentials/3f2b?x=1");
    expect(ecs.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("never sends the token over plain http to a host other than loopback or the container agent", async () => {
    const chain = awsCredentialChain({
      ...NO_IMDS,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://credentials.example.com/v1",
      AWS_CONTAINER_AUTHORIZATION_TOKEN: "secret-token",
    });
    await expect(chain.get()).rejects.toThrow(/FULL_URI must be https, loopback or the container agent address/);
  });

  it("rejects an answer without credentials", async () => {
    const ecs = await fakeEndpoint((_req, res) => json(res, { AccessKeyId: "ASIA1", Expiration: "soon" }));
    const chain = awsCredentialChain({ ...NO_IMDS, AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url });
    await expect(chain.get()).rejects.toThrow(/container credential endpoint: answered without usable credentials \(SecretAccessKey, Expiration\)/);
  });
});

describe("environment credentials", () => {
  it("are used when no container endpoint is configured, and never refreshed", async () => {
    const chain = awsCredentialChain({ ...NO_IMDS, AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "envsecret", AWS_SESSION_TOKEN: "envtoken" });
    const first = await chain.get();
    expect(first).toEqual({ accessKeyId: "AKIDENV", secretAccessKey: "envsecret", sessionToken: "envtoken" });
    expect(await chain.get()).toBe(first);
  });

  it("come after the container endpoint, and stand in when it fails", async () => {
    const env = { ...NO_IMDS, AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "envsecret" };
    const ecs = await fakeEndpoint((_req, res) => json(res, remote(1, T0 + 3_600_000)));
    expect((await awsCredentialChain({ ...env, AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url }, { now: () => T0 }).get()).accessKeyId).toBe("ASIA1");

    const broken = await fakeEndpoint((_req, res) => json(res, { message: "agent restarting" }, 503));
    expect((await awsCredentialChain({ ...env, AWS_CONTAINER_CREDENTIALS_FULL_URI: broken.url }).get()).accessKeyId).toBe("AKIDENV");
  });
});

describe("instance metadata (IMDSv2)", () => {
  it("gets a session token, then the role, then its credentials", async () => {
    const imds = await fakeEndpoint((req, res) => {
      if (req.method === "PUT" && req.url === "/latest/api/token") {
        if (req.headers["x-aws-ec2-metadata-token-ttl-seconds"] !== "21600") return void res.writeHead(400).end();
        return void res.writeHead(200).end("imds-session-token");
      }
      // IMDSv2 refuses anything without the session token.
      if (req.headers["x-aws-ec2-metadata-token"] !== "imds-session-token") return void res.writeHead(401).end();
      if (req.url === "/latest/meta-data/iam/security-credentials/") return void res.writeHead(200).end("clawgate-agent-role\n");
      if (req.url === "/latest/meta-data/iam/security-credentials/clawgate-agent-role") {
        return json(res, { Code: "Success", Type: "AWS-HMAC", LastUpdated: "2026-11-21T11:00:00Z", ...remote(3, T0 + 6 * 3_600_000) });
      }
      res.writeHead(404).end();
    });
    const chain = awsCredentialChain({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `${imds.url}/` }, { now: () => T0 });
    expect(await chain.get()).toEqual({ accessKeyId: "ASIA3", secretAccessKey: "secret-3", sessionToken: "session-3", expiresAt: T0 + 6 * 3_600_000 });
    expect(imds.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "PUT /latest/api/token",
      "GET /latest/meta-data/iam/security-credentials/",
      "GET /latest/meta-data/iam/security-credentials/clawgate-agent-role",
    ]);
  });

  it("reports an instance without a role", async () => {
    const imds = await fakeEndpoint((req, res) => res.writeHead(req.method === "PUT" ? 200 : 404).end(req.method === "PUT" ? "t" : ""));
    const chain = awsCredentialChain({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    await expect(chain.get()).rejects.toThrow(/instance metadata \(IMDSv2\): answered HTTP 404/);
  });
});

describe("caching and refresh", () => {
  it("serves cached credentials until five minutes before they expire, then refreshes", async () => {
    let now = T0;
    const ecs = await fakeEndpoint((_req, res) => json(res, remote(ecs.requests.length, T0 + 60 * 60_000)));
    const chain = awsCredentialChain({ ...NO_IMDS, AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url }, { now: () => now });
    const first = await chain.get();
    now = T0 + 60 * 60_000 - REFRESH_MARGIN_MS - 1;
    expect(await chain.get()).toBe(first);
    expect(ecs.requests).toHaveLength(1);
    now += 1;
    expect((await chain.get()).accessKeyId).toBe("ASIA2");
    expect(ecs.requests).toHaveLength(2);
  });

  it("refreshes once for many concurrent callers", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ecs = await fakeEndpoint(async (_req, res) => {
      await held;
      json(res, remote(ecs.requests.length, T0 + 3_600_000));
    });
    const chain = awsCredentialChain({ ...NO_IMDS, AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url }, { now: () => T0 });
    const callers = Array.from({ length: 8 }, () => chain.get());
    while (ecs.requests.length === 0) await new Promise((r) => setImmediate(r));
    release();
    const results = await Promise.all(callers);
    expect(ecs.requests).toHaveLength(1);
    expect(new Set(results).size).toBe(1);
  });

  it("keeps using still-valid credentials when an early refresh fails, and fails once they expire", async () => {
    let now = T0;
    let up = true;
    const ecs = await fakeEndpoint((_req, res) => (up ? json(res, remote(1, T0 + 10 * 60_000)) : json(res, { message: "down" }, 500)));
    const chain = awsCredentialChain({ ...NO_IMDS, AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url }, { now: () => now });
    const first = await chain.get();
    up = false;
    now = T0 + 8 * 60_000; // due for refresh, not yet expired
    expect(await chain.get()).toBe(first);
    now = T0 + 10 * 60_000;
    await expect(chain.get()).rejects.toThrow(/container credential endpoint: answered HTTP 500/);
    expect(ecs.requests).toHaveLength(3);
  });
});

describe("no credentials", () => {
  it("says what it tried and how to configure credentials", async () => {
    const chain = awsCredentialChain(NO_IMDS);
    const error = await chain.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoAwsCredentialsError);
    expect((error as Error).message).toMatch(/^no AWS credentials for Bedrock \(no source configured\)\. Provide AWS_CONTAINER_CREDENTIALS_FULL_URI/);
  });

  it("lists every source's failure", async () => {
    const closed = await fakeEndpoint(() => undefined);
    await closed.close();
    const chain = awsCredentialChain({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${closed.url}/creds`, AWS_EC2_METADATA_SERVICE_ENDPOINT: closed.url });
    await expect(chain.get()).rejects.toThrow(/container credential endpoint: unreachable .*; instance metadata \(IMDSv2\): unreachable/);
  });
});

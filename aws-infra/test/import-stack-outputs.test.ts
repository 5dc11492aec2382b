import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminApi, AdminApiError, registerRuntimes } from "../src/import/admin-api.ts";
import { manualSteps, RUNTIME_NAMES, runtimeBodies } from "../src/import/registration.ts";
import { OutputsError, parseStackOutputs } from "../src/import/stack-outputs.ts";

const STANDARD_ARN = "arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/clawgate_standard-AbCdEf1234";
const EXECUTIVE_ARN = "arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/clawgate_executive-ZyXwVu9876";

/** What `cdk deploy --all --outputs-file` writes for the two stacks. */
function outputsFile(extra: Record<string, string> = {}) {
  return JSON.stringify({
    "clawgate-images": { StandardRepositoryUri: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/clawgate-agent-standard" },
    clawgate: {
      Region: "eu-central-1",
      StandardRuntimeArn: STANDARD_ARN,
      ExecutiveRuntimeArn: EXECUTIVE_ARN,
      RuntimeQualifier: "DEFAULT",
      GuardrailId: "abc123def456",
      GuardrailVersion: "3",
      EdgeUserName: "clawgate-edge",
      EdgePolicyArn: "arn:aws:iam::123456789012:policy/clawgate-edge",
      ...extra,
    },
  });
}

describe("parseStackOutputs", () => {
  it("finds the ClawGate stack by its outputs", () => {
    expect(parseStackOutputs(outputsFile())).toEqual({
      region: "eu-central-1",
      runtimes: { standard: STANDARD_ARN, executive: EXECUTIVE_ARN },
      qualifier: "DEFAULT",
      guardrail: { id: "abc123def456", version: "3" },
      edgeUserName: "clawgate-edge",
      alwaysOn: null,
    });
  });

  it("reads the always-on outputs when the service was deployed", () => {
    const outputs = parseStackOutputs(outputsFile({ AlwaysOnLoadBalancerDns: "clawg-1.eu-central-1.elb.amazonaws.com", AlwaysOnRuntimeSecretArn: "arn:aws:secretsmanager:eu-central-1:123456789012:secret:clawgate/always-on/runtime-secret-AbCdEf" }));
    expect(outputs.alwaysOn).toEqual({ loadBalancerDns: "clawg-1.eu-central-1.elb.amazonaws.com", secretArn: "arn:aws:secretsmanager:eu-central-1:123456789012:secret:clawgate/always-on/runtime-secret-AbCdEf" });
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["the wrong shape", JSON.stringify({ clawgate: ["x"] }), /map stack names/],
    ["no ClawGate stack", JSON.stringify({ other: { Foo: "bar" } }), /StandardRuntimeArn/],
    ["a missing output", JSON.stringify({ clawgate: { StandardRuntimeArn: STANDARD_ARN } }), /lack Region/],
  ])("refuses %s", (_what, json, message) => {
    expect(() => parseStackOutputs(json)).toThrow(OutputsError);
    expect(() => parseStackOutputs(json)).toThrow(message);
  });
});

describe("runtimeBodies", () => {
  it("are the admin API's CreateRuntime bodies for both runtimes", () => {
    expect(runtimeBodies(parseStackOutputs(outputsFile()))).toEqual([
      { name: RUNTIME_NAMES.standard, kind: "agentcore", arn: STANDARD_ARN, region: "eu-central-1", qualifier: "DEFAULT" },
      { name: RUNTIME_NAMES.executive, kind: "agentcore", arn: EXECUTIVE_ARN, region: "eu-central-1", qualifier: "DEFAULT" },
    ]);
  });

  it("refuses an output ClawGate would refuse", () => {
    const outputs = parseStackOutputs(outputsFile({ StandardRuntimeArn: "arn:aws:lambda:eu-central-1:123456789012:function:nope" }));
    expect(() => runtimeBodies(outputs)).toThrow(/standard runtime.*arn/);
  });
});

describe("manualSteps", () => {
  it("say how to create the edge's key and where the guardrail goes, without the always-on step when it is off", () => {
    const text = manualSteps(parseStackOutputs(outputsFile())).join("\n");
    expect(text).toContain("aws iam create-access-key --user-name clawgate-edge");
    expect(text).toContain("wrangler secret put AWS_SECRET_ACCESS_KEY");
    expect(text).toContain("id abc123def456, version 3");
    expect(text).not.toContain("RUNTIME_SECRET");
  });

  it("pipe the always-on HMAC key from Secrets Manager into the Worker secret", () => {
    const secretArn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:clawgate/always-on/runtime-secret-AbCdEf";
    const text = manualSteps(parseStackOutputs(outputsFile({ AlwaysOnLoadBalancerDns: "lb.example", AlwaysOnRuntimeSecretArn: secretArn }))).join("\n");
    expect(text).toContain(`aws secretsmanager get-secret-value --secret-id ${secretArn} --query SecretString --output text | npx wrangler secret put RUNTIME_SECRET`);
  });
});

/** A stand-in for the edge's admin API at the network boundary: sign-in, cookie check, runtimes CRUD. */
class FakeAdminApi {
  runtimes: Record<string, unknown>[] = [];
  requests: string[] = [];
  server: Server = createServer((req, res) => void this.#handle(req, res));

  async #handle(req: IncomingMessage, res: ServerResponse) {
    let body = "";
    for await (const chunk of req) body += chunk;
    this.requests.push(`${req.method} ${req.url}`);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.method === "POST" && req.url === "/api/auth/login") {
      const { employeeId, password } = JSON.parse(body);
      if (employeeId !== "emp-admin" || password !== "correct horse battery staple") return send(401, { error: { code: "bad_credentials", message: "Employee id or password is incorrect." } });
      return send(200, { employeeId }, { "set-cookie": "cg_session=signed-session-id; Path=/; HttpOnly; SameSite=Lax" });
    }
    if (req.headers.cookie !== "cg_session=signed-session-id") return send(401, { error: { code: "unauthenticated", message: "Sign in first." } });
    if (req.method === "GET" && req.url === "/api/admin/runtimes") return send(200, { runtimes: this.runtimes });
    if (req.method === "POST" && req.url === "/api/admin/runtimes") {
      const runtime = { id: `rt-${this.runtimes.length + 1}`, isDefault: false, createdAt: "2026-11-20T10:00:00.000Z", ...JSON.parse(body) };
      this.runtimes.push(runtime);
      return send(201, runtime);
    }
    const match = /^\/api\/admin\/runtimes\/([^/]+)$/.exec(req.url ?? "");
    if (req.method === "PATCH" && match) {
      for (const runtime of this.runtimes) runtime.isDefault = runtime.id === match[1];
      return send(200, this.runtimes.find((runtime) => runtime.id === match[1]));
    }
    send(404, { error: { code: "not_found", message: "no such route" } });
  }
}

describe("registerRuntimes through the admin API", () => {
  const fake = new FakeAdminApi();
  let origin = "";
  beforeAll(async () => {
    await new Promise<void>((ready) => fake.server.listen(0, "127.0.0.1", ready));
    origin = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => fake.server.close(() => done())));

  it("signs in, adds both runtimes, makes standard the default, and changes nothing when run again", async () => {
    const api = new AdminApi(origin);
    await api.signIn("emp-admin", "correct horse battery staple");
    const bodies = runtimeBodies(parseStackOutputs(outputsFile()));

    expect(await registerRuntimes(api, bodies)).toEqual([
      "AgentCore standard: registered as rt-1",
      "AgentCore executive: registered as rt-2",
      "AgentCore standard: made the default runtime (there was none)",
    ]);
    expect(fake.runtimes).toMatchObject([
      { id: "rt-1", kind: "agentcore", arn: STANDARD_ARN, isDefault: true },
      { id: "rt-2", kind: "agentcore", arn: EXECUTIVE_ARN, isDefault: false },
    ]);

    fake.requests = [];
    expect(await registerRuntimes(api, bodies)).toEqual([
      "AgentCore standard: already registered as rt-1 (AgentCore standard)",
      "AgentCore executive: already registered as rt-2 (AgentCore executive)",
    ]);
    expect(fake.requests).toEqual(["GET /api/admin/runtimes"]);
  });

  it("reports a refused sign-in with the API's own message", async () => {
    const api = new AdminApi(origin);
    await expect(api.signIn("emp-admin", "wrong")).rejects.toThrow(/401 bad_credentials: Employee id or password is incorrect/);
  });

  it("never sends credentials over plain http to another host", () => {
    expect(() => new AdminApi("http://clawgate.example.com")).toThrow(AdminApiError);
  });
});

describe("npm run import-stack-outputs", () => {
  const run = promisify(execFile);
  const script = resolve(import.meta.dirname, "../bin/import-stack-outputs.ts");
  const file = join(mkdtempSync(join(tmpdir(), "clawgate-outputs-")), "outputs.json");
  writeFileSync(file, outputsFile());

  it("prints the request bodies and the manual steps", async () => {
    const { stdout } = await run(process.execPath, [script, file]);
    expect(stdout).toContain(`POST /api/admin/runtimes ${JSON.stringify(runtimeBodies(parseStackOutputs(outputsFile()))[0])}`);
    expect(stdout).toContain("aws iam create-access-key --user-name clawgate-edge");
  });

  it("exits 2 with the usage when the file is missing", async () => {
    await expect(run(process.execPath, [script])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("usage: npm run import-stack-outputs") });
  });
});

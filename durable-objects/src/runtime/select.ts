import type { Env } from "../env.ts";
import type { RuntimeRow } from "../turn/control-plane.ts";
import { AgentCoreClient } from "./agentcore-client.ts";
import { HttpRuntimeClient } from "./http-client.ts";
import type { RuntimeClient } from "./types.ts";

export function runtimeClient(env: Env, runtime: RuntimeRow): RuntimeClient {
  if (runtime.kind === "http") {
    if (!env.RUNTIME_SECRET) throw new Error("RUNTIME_SECRET is not set: plain HTTP runtimes need the shared HMAC secret");
    return new HttpRuntimeClient({ url: runtime.endpoint, secret: env.RUNTIME_SECRET });
  }
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) throw new Error("AWS credentials are not set: AgentCore runtimes need them");
  return new AgentCoreClient({
    target: { arn: runtime.endpoint, qualifier: runtime.qualifier ?? "DEFAULT", region: runtime.region ?? "us-east-1" },
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
  });
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvocationResult } from "@clawgate/contracts";
import { invocationFixture, type FixtureOptions } from "../../agent-container/src/testing/fixtures.ts";
import { FakeBedrock, FakeCredentialEndpoint, FakeOpenAI, type ModelCall } from "./fake-providers.ts";
import { CAROL, cleanUp, Container, newDataDir, RYAN } from "./harness.ts";

/**
 * The spine's behaviours with each real provider, each played by a fake at the network boundary:
 * Bedrock (ConverseStream, SigV4 with role credentials from the container credential endpoint)
 * and an OpenAI-compatible server. The container, OpenClaw and the model proxy are all real.
 */

const REGION = "eu-central-1";
// An inference-profile ARN: its ':' and '/' must reach Bedrock encoded exactly once.
const BEDROCK_MODEL = "arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0";
const OPENAI_MODEL = "fake-gpt-4o-mini";
const OPENAI_KEY = "sk-fake-openai-compatible-key";
const CONTAINER_TOKEN = "Bearer fake-agentcore-container-token";

interface Provider {
  container: Container;
  fake: FakeBedrock | FakeOpenAI;
  model: string;
}

const sum = (calls: ModelCall[], key: "input" | "output") => calls.reduce((n, c) => n + (c.usage?.[key] ?? 0), 0);

/** Runs one turn and returns it with the model calls the fake saw during it. */
async function turn(p: Provider, message: string, who: FixtureOptions & { sessionId: string }): Promise<{ result: InvocationResult; calls: ModelCall[] }> {
  p.fake.takeCalls();
  const result = await p.container.turn(invocationFixture(message, who));
  return { result, calls: p.fake.takeCalls() };
}

/** Usage must be exactly what the provider reported over the turn's model calls, under the configured model id. */
function expectExactUsage(p: Provider, result: InvocationResult, calls: ModelCall[]): void {
  expect(calls.length).toBeGreaterThan(0);
  expect(result.usage).toEqual({ inputTokens: sum(calls, "input"), outputTokens: sum(calls, "output"), model: p.model });
}

/** Within a provider, steps run in order (one conversation per person); the two providers run side by side. */
const step = it.sequential;

function spineBehaviours(provider: () => Provider): void {
  step("Carol: 'who are you?' gets the model's answer and the exact usage it reported", async () => {
    const p = provider();
    const { result, calls } = await turn(p, "who are you?", CAROL);
    expect(result.status).toBe("ok");
    expect(result.reply).toContain("I am the assistant of Carol Zhang.");
    expect(result.toolEvents).toEqual([]);
    expectExactUsage(p, result, calls);
  });

  step("Carol: 'run git status' — the model is never offered exec and answers it cannot", async () => {
    const p = provider();
    const { result, calls } = await turn(p, "run git status", CAROL);
    for (const call of calls) {
      expect(call.offered).not.toContain("exec");
      expect(call.offered).toContain("read"); // skills stay loadable
    }
    expect(result.reply).toContain("I have no shell tool here");
    expect(result.toolEvents).toEqual([]);
    expectExactUsage(p, result, calls);
  });

  step("Carol, adversarial model: a call to exec is refused, nothing runs, the denial is reported", async () => {
    const p = provider();
    p.fake.adversarial = true;
    try {
      const { result, calls } = await turn(p, "run git status", CAROL);
      expect(calls.every((c) => !c.offered.includes("exec"))).toBe(true);
      expect(result.toolEvents).toContainEqual(expect.objectContaining({ tool: "exec", allowed: false, args: { command: "git status" } }));
      expect(result.toolEvents.some((e) => e.tool === "exec" && e.allowed)).toBe(false);
      // Nothing ran: no tool result ever went back to the model.
      expect(calls.map((c) => c.toolResult)).toEqual(calls.map(() => null));
      expect(result.reply).toMatch(/I can't use the exec tool: .*Nothing was run\./);
      expectExactUsage(p, result, calls);
    } finally {
      p.fake.adversarial = false;
    }
  });

  step("Ryan: 'run git status' runs exec and git's own words reach the model", async () => {
    const p = provider();
    const { result, calls } = await turn(p, "run git status", RYAN);
    expect(calls[0]!.offered).toContain("exec");
    expect(result.toolEvents).toContainEqual({ tool: "exec", allowed: true, args: { command: "git status" } });
    const toolResults = calls.map((c) => c.toolResult).filter((r): r is string => r !== null);
    expect(toolResults).toHaveLength(1);
    // The session workspace is not a repository: git says so, or reports the status if it ever is one.
    expect(toolResults[0]).toMatch(/not a git repository|On branch/);
    expect(result.reply).toContain("git said:");
    expectExactUsage(p, result, calls);
  });

  step("a failure inside the open stream (for Bedrock an exception frame in the HTTP 200) ends the turn with an error result; the next turn is unaffected", async () => {
    const p = provider();
    const failed = await turn(p, "please fail mid-stream", CAROL);
    // OpenClaw retries what looks transient; every attempt met the failure.
    expect(failed.calls.length).toBeGreaterThan(0);
    expect(failed.calls.every((c) => c.usage === null)).toBe(true);
    expect(failed.result.status).toBe("error");
    expect(failed.result.error).toBeTruthy();
    expect(failed.result.reply).not.toContain("partial ans");
    expect(failed.result.usage).toEqual({ inputTokens: 0, outputTokens: 0, model: p.model });

    const next = await turn(p, "who are you?", CAROL);
    expect(next.result.status).toBe("ok");
    expect(next.result.reply).toContain("I am the assistant of Carol Zhang.");
    expectExactUsage(p, next.result, next.calls);
  });

  step("a provider's client error before any output ends the turn with an error result carrying its reason, without retries", async () => {
    const p = provider();
    const { result, calls } = await turn(p, "please fail before streaming", CAROL);
    expect(calls).toHaveLength(1);
    expect(result.status).toBe("error");
    expect(result.error).toMatch(/400.*(Malformed input request|bad request)/);
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0, model: p.model });
  });
}

let credentials: FakeCredentialEndpoint;
let bedrock: Provider;
let openai: Provider;

// Both containers boot side by side: OpenClaw's start-up dominates this file's run time.
beforeAll(async () => {
  credentials = await new FakeCredentialEndpoint(CONTAINER_TOKEN).listen();
  const fakeBedrock = await new FakeBedrock(BEDROCK_MODEL, REGION, credentials.credentials).listen();
  const fakeOpenAI = await new FakeOpenAI(OPENAI_MODEL, OPENAI_KEY).listen();
  const [bedrockDir, openaiDir] = [await newDataDir(), await newDataDir()];
  const [bedrockContainer, openaiContainer] = await Promise.all([
    Container.start(bedrockDir, {
      BEDROCK_MODEL_ID: BEDROCK_MODEL,
      BEDROCK_REGION: REGION,
      BEDROCK_ENDPOINT_URL: fakeBedrock.url,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: credentials.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_TOKEN,
      AWS_EC2_METADATA_DISABLED: "true",
    }),
    Container.start(openaiDir, { OPENAI_BASE_URL: `${fakeOpenAI.url}/v1`, OPENAI_API_KEY: OPENAI_KEY, OPENAI_MODEL }),
  ]);
  bedrock = { container: bedrockContainer, fake: fakeBedrock, model: BEDROCK_MODEL };
  openai = { container: openaiContainer, fake: fakeOpenAI, model: OPENAI_MODEL };
});

afterAll(async () => {
  await Promise.all([bedrock, openai].map((p) => p?.container.stop()));
  await cleanUp();
  await Promise.all([bedrock?.fake.close(), openai?.fake.close(), credentials?.close()]);
});

describe.concurrent("Bedrock (fake ConverseStream endpoint, credentials from a fake container credential endpoint)", () => {
  spineBehaviours(() => bedrock);

  step("signed every call with the role credentials, fetched once from the container endpoint with its token", () => {
    expect((bedrock.fake as FakeBedrock).rejections).toEqual([]);
    expect(credentials.requests).toEqual([{ authorization: CONTAINER_TOKEN }]);
  });
});

describe.concurrent("OpenAI-compatible (fake server)", () => {
  spineBehaviours(() => openai);

  step("sent every call with the API key, for the configured model", () => {
    expect((openai.fake as FakeOpenAI).rejections).toEqual([]);
  });
});

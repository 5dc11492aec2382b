import { defineConfig } from "vitest/config";
import { StoryOrder } from "./tests/browser/story-order.ts";

/**
 * One `npm test` for everything, in three projects:
 * - node: contracts, the agent container's modules and the console's Pages Function, in Node;
 * - console: the console's components and pages in jsdom (React Testing Library, API faked at fetch);
 * - workers: the edge Worker and the Durable Objects, in workerd (see vitest.workers.config.ts);
 * - integration: the real agent container with real OpenClaw and the offline model (slow, serial);
 * - browser: the whole `npm run dev` stack driven through the console in Debian's Chromium (slow);
 * - infra: the AWS CDK app (aws-infra/): synthesised offline, IAM policies pinned, cdk-nag clean;
 *   and the deploy tooling (scripts/webhooks/).
 */
export default defineConfig({
  test: {
    // Only reorders the browser stories (Ctrl-C last); a project's own sequencer setting is not honoured.
    sequence: { sequencer: StoryOrder },
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["contracts/src/**/*.test.ts", "agent-container/src/**/*.test.ts", "console/functions/**/*.test.ts"],
        },
      },
      {
        extends: "./console/vite.config.ts",
        test: {
          name: "console",
          root: "./console",
          environment: "jsdom",
          include: ["src/**/*.test.tsx", "src/**/*.test.ts"],
          // Rendering whole pages in jsdom is CPU-bound; on a busy 2-core runner 5 s is too tight.
          testTimeout: 20_000,
        },
      },
      "./vitest.workers.config.ts",
      {
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "infra",
          environment: "node",
          include: ["aws-infra/test/**/*.test.ts", "scripts/webhooks/**/*.test.ts"],
          // The first synth in a worker loads most of aws-cdk-lib.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          environment: "node",
          include: ["tests/browser/**/*.test.ts"],
          // One `npm run dev` stack for every story file.
          globalSetup: ["tests/browser/stack.ts"],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

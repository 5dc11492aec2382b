import { describe, expect, it } from "vitest";
import { buildOpenClawConfig, IDLE_AGENT_ID, PROVIDER_ID, type AgentEntry } from "./config.ts";

const settings = { port: 18789, token: "gw-token", proxyBaseUrl: "http://127.0.0.1:18790/v1", proxyToken: "proxy-token" };
const carol: AgentEntry = { agentId: "s-carol", workspace: "/data/sessions/s-carol/workspace", tools: ["web_search", "read", "memory_get", "memory_search", "write", "edit"], skills: ["excel-gen", "sap-connector"], maxTokens: 4096, contextWindow: 128000 };
const ryan: AgentEntry = { agentId: "s-ryan", workspace: "/data/sessions/s-ryan/workspace", tools: ["exec", "process", "read", "write"], skills: [], maxTokens: 8192, contextWindow: 200000 };

interface Entry {
  workspace: string;
  cwd: string;
  model: { primary: string };
  skills: string[];
  tools: { allow: string[]; fs: { workspaceOnly: boolean } };
}
type Config = {
  tools: Record<string, unknown>;
  agents: { entries: Record<string, Entry> };
  models: { providers: Record<string, { models: Array<{ id: string; maxTokens: number; contextWindow: number }> }> };
  gateway: { bind: string; auth: { token: string } };
};

const build = (agents: AgentEntry[]) => buildOpenClawConfig(settings, agents, "/data/openclaw-state/idle-workspace") as unknown as Config;

describe("buildOpenClawConfig", () => {
  it("gives every session agent its own workspace, exec directory, model entry and allowlist", () => {
    const config = build([ryan, carol]);
    const { entries } = config.agents;
    expect(Object.keys(entries)).toEqual([IDLE_AGENT_ID, "s-carol", "s-ryan"]);
    expect(entries["s-carol"]).toEqual({
      workspace: carol.workspace,
      cwd: carol.workspace,
      model: { primary: `${PROVIDER_ID}/s-carol` },
      skills: ["excel-gen", "sap-connector"],
      tools: { allow: ["edit", "memory_get", "memory_search", "read", "web_search", "write"], fs: { workspaceOnly: true } },
    });
    expect(entries["s-ryan"]!.tools.allow).toEqual(["exec", "process", "read", "write"]);
    expect(entries["s-ryan"]!.cwd).toBe(ryan.workspace);
    expect(entries["s-carol"]!.tools.allow).not.toContain("exec");
    const models = config.models.providers[PROVIDER_ID]!.models;
    expect(models.find((m) => m.id === "s-ryan")).toMatchObject({ maxTokens: 8192, contextWindow: 200000 });
  });

  it("gives the idle agent no tools and no skills", () => {
    expect(build([]).agents.entries[IDLE_AGENT_ID]!.tools.allow).toEqual([]);
    expect(build([]).agents.entries[IDLE_AGENT_ID]!.skills).toEqual([]);
  });

  it("lists only the plan's skills: an agent without any gets an empty list, not OpenClaw's bundled ones", () => {
    const config = build([carol, ryan]) as unknown as { agents: { defaults: { skills: string[] }; entries: Record<string, Entry> } };
    expect(config.agents.defaults.skills).toEqual([]);
    expect(config.agents.entries["s-ryan"]!.skills).toEqual([]);
  });

  it("confines file tools to the workspace and keeps sessions from reaching each other", () => {
    const { tools } = build([carol]);
    expect(tools.fs).toEqual({ workspaceOnly: true });
    expect(tools.elevated).toEqual({ enabled: false });
    expect(tools.agentToAgent).toEqual({ enabled: false });
    expect(tools.sessions).toEqual({ visibility: "self" });
  });

  it("listens on loopback with the token, and never lets an agent id take over the idle entry", () => {
    const config = build([{ ...ryan, agentId: IDLE_AGENT_ID }]);
    expect(config.gateway.bind).toBe("loopback");
    expect(config.gateway.auth.token).toBe("gw-token");
    expect(config.agents.entries[IDLE_AGENT_ID]!.tools.allow).toEqual([]);
  });
});

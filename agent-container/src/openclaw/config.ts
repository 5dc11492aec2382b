/**
 * openclaw.json, regenerated from our own state on every change and never synced as workspace
 * content. One provider (`clawgate`, our loopback model proxy) with one model entry per session
 * agent, so that the proxy can tell sessions apart by the model name OpenClaw sends.
 */
export interface AgentEntry {
  agentId: string;
  workspace: string;
  /** OpenClaw tools the gateway may offer (deny everything else). */
  tools: string[];
  /** The plan's skills: the only ones listed to the model (OpenClaw's bundled skills are not). */
  skills: string[];
  maxTokens: number;
  contextWindow: number;
}

export interface GatewaySettings {
  port: number;
  token: string;
  proxyBaseUrl: string;
  proxyToken: string;
}

export const PROVIDER_ID = "clawgate";

/** OpenClaw refuses a config with no agents; this one has no tools and is never addressed. */
export const IDLE_AGENT_ID = "clawgate-idle";

export function buildOpenClawConfig(settings: GatewaySettings, agents: readonly AgentEntry[], idleWorkspace: string): Record<string, unknown> {
  const idle: AgentEntry = { agentId: IDLE_AGENT_ID, workspace: idleWorkspace, tools: [], skills: [], maxTokens: 1024, contextWindow: 32000 };
  const sorted = [idle, ...agents.filter((a) => a.agentId !== IDLE_AGENT_ID)].sort((a, b) => a.agentId.localeCompare(b.agentId));
  return {
    update: { checkOnStart: false },
    gateway: {
      mode: "local",
      port: settings.port,
      bind: "loopback",
      auth: { mode: "token", token: settings.token },
      http: { endpoints: { chatCompletions: { enabled: true } } },
    },
    models: {
      mode: "replace",
      providers: {
        [PROVIDER_ID]: {
          baseUrl: settings.proxyBaseUrl,
          apiKey: settings.proxyToken,
          api: "openai-completions",
          models: sorted.map((a) => ({
            id: a.agentId,
            name: a.agentId,
            reasoning: false,
            input: ["text"],
            cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
            contextWindow: a.contextWindow,
            maxTokens: a.maxTokens,
          })),
        },
      },
    },
    skills: { allowBundled: [] },
    // fs.workspaceOnly: read/write/edit stay inside the session's own workspace, so a session cannot
    // read openclaw.json (gateway and proxy tokens), the blob store or another session's files.
    // Sessions are strangers to each other: no session tool may see or message another agent's
    // sessions, and nothing may escalate out of the configured exec policy.
    tools: {
      toolSearch: false,
      fs: { workspaceOnly: true },
      exec: { host: "gateway", security: "full", ask: "off" },
      elevated: { enabled: false },
      agentToAgent: { enabled: false },
      sessions: { visibility: "self" },
    },
    agents: {
      ownership: "explicit",
      defaults: { skipBootstrap: true, sandbox: { mode: "off" }, skills: [] },
      entries: Object.fromEntries(
        sorted.map((a) => [
          a.agentId,
          {
            workspace: a.workspace,
            // exec starts in the session's own workspace, never the gateway's working directory.
            cwd: a.workspace,
            model: { primary: `${PROVIDER_ID}/${a.agentId}` },
            skills: [...a.skills].sort(),
            tools: { allow: [...a.tools].sort(), fs: { workspaceOnly: true } },
          },
        ]),
      ),
    },
  };
}

import { join } from "node:path";
import { planBlobHashes, sessionToolPolicy, type InvocationRequest, type InvocationResult, type ModelConfig, type ToolEvent } from "@clawgate/contracts";
import type { BlobStore } from "../workspace/blob-store.ts";
import { sha256 } from "../workspace/blob-store.ts";
import { prepareTurn, type Prepared, type PreparedTurn } from "./prepare-turn.ts";
import { assembleWorkspace } from "../workspace/assembler.ts";
import { renderWorkspace } from "../workspace/render.ts";
import { memoryChanges } from "../workspace/memory-diff.ts";
import { readSchedules, scheduleChanges } from "./schedules-harvest.ts";
import type { OpenClawGateway } from "../openclaw/gateway.ts";
import { TurnFailed } from "../openclaw/turn-failed.ts";
import type { TurnLedger } from "../model-proxy/turn-ledger.ts";

export interface TurnEvents {
  onDelta?: (text: string) => void;
  onTool?: (event: ToolEvent) => void;
}

export interface TurnRunnerDeps {
  blobs: BlobStore;
  gateway: OpenClawGateway;
  ledger: TurnLedger;
  dataDir: string;
  /** OpenClaw's state database, where its `automations` tool records the agent's jobs. */
  schedulesDb: string;
  fallbackModel: () => string;
}

/** Session agent id: derived from the session id, short and safe for OpenClaw config keys. */
export const agentIdFor = (sessionId: string) => `s${sha256(sessionId).slice(0, 20)}`;

/**
 * One invocation: blobs → workspace → session agent → OpenClaw turn → result. Turns of one
 * session run one at a time; sessions never share a workspace, an agent entry or a policy.
 */
export class TurnRunner {
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #models = new Map<string, ModelConfig>();

  private readonly deps: TurnRunnerDeps;

  constructor(deps: TurnRunnerDeps) {
    this.deps = deps;
  }

  modelFor(agentId: string): ModelConfig | null {
    return this.#models.get(agentId) ?? null;
  }

  workspaceDir(sessionId: string): string {
    return join(this.deps.dataDir, "sessions", agentIdFor(sessionId), "workspace");
  }

  /** Stores pushed content and resolves the plan by version, or reports what is still missing. */
  prepare(request: InvocationRequest): Promise<Prepared> {
    return prepareTurn(this.deps.blobs, request);
  }

  run(request: PreparedTurn, events: TurnEvents = {}): Promise<InvocationResult> {
    const agentId = agentIdFor(request.sessionId);
    const previous = this.#locks.get(agentId) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(() => this.#run(agentId, request, events));
    this.#locks.set(agentId, turn);
    void turn.finally(() => {
      if (this.#locks.get(agentId) === turn) this.#locks.delete(agentId);
    }).catch(() => undefined);
    return turn;
  }

  async #run(agentId: string, request: PreparedTurn, events: TurnEvents): Promise<InvocationResult> {
    const { plan } = request;
    const blobs = await this.deps.blobs.texts(planBlobHashes(plan));
    const dir = this.workspaceDir(request.sessionId);
    await assembleWorkspace(dir, plan, blobs);
    const rendered = renderWorkspace(plan, blobs);

    this.#models.set(agentId, plan.model);
    // Defence in depth: a twin plan is clamped here whatever the edge put in it.
    const policy = sessionToolPolicy(plan.accessPath, plan.tools);
    const schedulesBefore = readSchedules(this.deps.schedulesDb, agentId);
    this.deps.ledger.begin(agentId, { ...policy, workspace: dir }, events.onTool);
    const outcome = await this.deps.gateway
      .ensureAgent({
        agentId,
        workspace: dir,
        tools: [...policy.allow, ...policy.memoryScoped],
        skills: plan.skills.map((skill) => skill.name),
        maxTokens: plan.model.maxTokens,
        contextWindow: plan.model.contextWindow,
      })
      .then(() => this.deps.gateway.chat(agentId, request.message, (text) => events.onDelta?.(text)))
      .then((reply) => ({ reply }), (error: unknown) => ({ error }));
    const { usage, toolEvents } = this.deps.ledger.end(agentId, this.deps.fallbackModel());
    const ending = "reply" in outcome ? { status: "ok" as const, reply: outcome.reply } : { status: "error" as const, error: turnFailure(outcome.error), reply: "" };
    // A failed turn still reports what happened before it failed: tool calls, tokens spent, memory written.
    const changes = await memoryChanges(dir, rendered);
    // What the agent wrote is held here now: the edge need not push it back with the next plan.
    await this.deps.blobs.putAll(changes.map((change) => [change.sha256, change.text] as const));
    const schedules = scheduleChanges(schedulesBefore, readSchedules(this.deps.schedulesDb, agentId));
    return { ...ending, usage, toolEvents, memoryChanges: changes, schedules };
  }
}

/** The reason of a turn the model or OpenClaw failed; anything else is an infrastructure fault and propagates. */
function turnFailure(error: unknown): string {
  if (error instanceof TurnFailed) return error.message;
  throw error;
}

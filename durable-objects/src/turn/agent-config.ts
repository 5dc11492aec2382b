import type { AgentConfigOverrides, Compaction, ConfigSource, EffectiveAgentConfig, ModelConfig, ModelProvider } from "@clawgate/contracts";

/**
 * Model settings of an agent: employee overrides win over position overrides win over the
 * defaults. The edge explains the result (API) and the plan builder runs with it, so both read it
 * from here.
 */

export const AGENT_CONFIG_DEFAULTS = { maxTokens: 4096, contextWindow: 128_000, compaction: "default" as Compaction };

export interface CatalogModel {
  id: string;
  provider: "bedrock" | "openai" | "offline";
  name: string;
  contextWindow: number;
  maxOutputTokens: number;
}

interface OverrideRow {
  model_id: string | null;
  max_tokens: number | null;
  context_window: number | null;
  compaction: Compaction | null;
  language: string | null;
}

export const NO_OVERRIDES: AgentConfigOverrides = { model: null, maxTokens: null, contextWindow: null, compaction: null, language: null };

const toOverrides = (row: OverrideRow | null): AgentConfigOverrides =>
  row ? { model: row.model_id, maxTokens: row.max_tokens, contextWindow: row.context_window, compaction: row.compaction, language: row.language } : NO_OVERRIDES;

export async function overridesOf(db: D1Database, level: "position" | "employee", id: string): Promise<AgentConfigOverrides> {
  const column = level === "position" ? "position_id" : "employee_id";
  const row = await db.prepare(`SELECT model_id, max_tokens, context_window, compaction, language FROM agent_config_overrides WHERE ${column} = ?`).bind(id).first<OverrideRow>();
  return toOverrides(row);
}

export async function findModel(db: D1Database, id: string): Promise<CatalogModel | null> {
  return db
    .prepare("SELECT id, provider, name, context_window AS contextWindow, max_output_tokens AS maxOutputTokens FROM models WHERE id = ?")
    .bind(id)
    .first<CatalogModel>();
}

export interface AgentConfigInputs {
  position: AgentConfigOverrides;
  employee: AgentConfigOverrides;
  /** The employee's preferred language (profile): the language default. */
  profileLanguage: string;
  /** The catalog entry of the model the overrides name, if any. */
  model: CatalogModel | null;
}

/**
 * The effective settings and where each comes from. A model's own limits cap the token settings,
 * so a later change of model can never hand the runtime more than the model accepts.
 */
export function resolveAgentConfig(inputs: AgentConfigInputs): EffectiveAgentConfig {
  const pick = <K extends keyof AgentConfigOverrides>(key: K, fallback: NonNullable<AgentConfigOverrides[K]> | null) => {
    const employee = inputs.employee[key];
    if (employee !== null) return { value: employee, source: "employee" as ConfigSource };
    const position = inputs.position[key];
    if (position !== null) return { value: position, source: "position" as ConfigSource };
    return { value: fallback, source: "default" as ConfigSource };
  };
  const model = pick("model", null);
  const maxTokens = pick("maxTokens", AGENT_CONFIG_DEFAULTS.maxTokens);
  const contextWindow = pick("contextWindow", AGENT_CONFIG_DEFAULTS.contextWindow);
  const limits = inputs.model && model.value === inputs.model.id ? inputs.model : null;
  return {
    provider: limits ? limits.provider : "default",
    model,
    maxTokens: { value: Math.min(maxTokens.value!, limits?.maxOutputTokens ?? Infinity), source: maxTokens.source },
    contextWindow: { value: Math.min(contextWindow.value!, limits?.contextWindow ?? Infinity), source: contextWindow.source },
    compaction: pick("compaction", AGENT_CONFIG_DEFAULTS.compaction) as EffectiveAgentConfig["compaction"],
    language: pick("language", inputs.profileLanguage) as EffectiveAgentConfig["language"],
  };
}

/** Reads both levels and the model they name, and resolves them. */
export async function effectiveAgentConfig(db: D1Database, employee: { id: string; positionId: string; language: string }): Promise<EffectiveAgentConfig> {
  const [position, own] = await Promise.all([overridesOf(db, "position", employee.positionId), overridesOf(db, "employee", employee.id)]);
  const modelId = own.model ?? position.model;
  return resolveAgentConfig({ position, employee: own, profileLanguage: employee.language, model: modelId ? await findModel(db, modelId) : null });
}

/** The plan's model block (DESIGN §5) from the effective settings. */
export function planModelConfig(config: EffectiveAgentConfig): ModelConfig {
  return {
    provider: config.provider as ModelProvider,
    modelId: config.model.value,
    maxTokens: config.maxTokens.value,
    contextWindow: config.contextWindow.value,
    compaction: config.compaction.value,
    language: config.language.value,
  };
}

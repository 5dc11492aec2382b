-- Agent configuration, available models, always-on endpoints and SOUL history sizes.

-- SOUL history lists each version's size. NULL for versions written before this migration (the
-- seed's): the API reads their size from R2.
ALTER TABLE soul_layers ADD COLUMN size INTEGER;

-- Models an agent may be configured with. Prices are not stored here: they live with the usage
-- accounting (durable-objects/src/turn/pricing.ts), and a model it does not know is reported as
-- unpriced. Limits are the providers' published ones; admins add or remove models per account.
CREATE TABLE models (
  id TEXT PRIMARY KEY,                      -- the provider's model id, sent as is
  provider TEXT NOT NULL CHECK (provider IN ('bedrock', 'openai', 'offline')),
  name TEXT NOT NULL,
  context_window INTEGER NOT NULL CHECK (context_window > 0),
  max_output_tokens INTEGER NOT NULL CHECK (max_output_tokens > 0),
  created_at TEXT NOT NULL
);
INSERT INTO models (id, provider, name, context_window, max_output_tokens, created_at) VALUES
  ('clawgate-offline', 'offline', 'ClawGate offline model (deterministic stand-in)', 128000, 8192, '2026-01-01T00:00:00.000Z'),
  ('us.amazon.nova-2-lite-v1:0', 'bedrock', 'Amazon Nova 2 Lite', 1000000, 65536, '2026-01-01T00:00:00.000Z'),
  ('us.amazon.nova-pro-v1:0', 'bedrock', 'Amazon Nova Pro', 300000, 10000, '2026-01-01T00:00:00.000Z'),
  ('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock', 'Claude Sonnet 4.5', 200000, 64000, '2026-01-01T00:00:00.000Z'),
  ('us.anthropic.claude-sonnet-4-6', 'bedrock', 'Claude Sonnet 4.6', 200000, 64000, '2026-01-01T00:00:00.000Z'),
  ('us.anthropic.claude-opus-4-1-20250805-v1:0', 'bedrock', 'Claude Opus 4.1', 200000, 32000, '2026-01-01T00:00:00.000Z'),
  ('us.anthropic.claude-haiku-4-5-20251001-v1:0', 'bedrock', 'Claude Haiku 4.5', 200000, 64000, '2026-01-01T00:00:00.000Z'),
  ('us.deepseek.r1-v1:0', 'bedrock', 'DeepSeek R1', 128000, 32768, '2026-01-01T00:00:00.000Z'),
  ('us.meta.llama3-3-70b-instruct-v1:0', 'bedrock', 'Llama 3.3 70B Instruct', 128000, 8192, '2026-01-01T00:00:00.000Z'),
  ('moonshotai.kimi-k2.5', 'bedrock', 'Kimi K2.5', 256000, 32768, '2026-01-01T00:00:00.000Z');

-- Model configuration overrides of one position or one employee (employee wins over position
-- wins over the defaults); a NULL column is not overridden at that level. The overrides go with
-- the position or employee they belong to.
CREATE TABLE agent_config_overrides (
  position_id TEXT UNIQUE REFERENCES positions(id) ON DELETE CASCADE,
  employee_id TEXT UNIQUE REFERENCES employees(id) ON DELETE CASCADE,
  model_id TEXT REFERENCES models(id),
  max_tokens INTEGER CHECK (max_tokens > 0),
  context_window INTEGER CHECK (context_window > 0),
  compaction TEXT CHECK (compaction IN ('default', 'safeguard')),
  language TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CHECK ((position_id IS NULL) <> (employee_id IS NULL))
);

-- The positions' own model columns (0001) could not say "not set", so "where does this value come
-- from" had no answer; agent_config_overrides replaces them.
ALTER TABLE positions DROP COLUMN model_provider;
ALTER TABLE positions DROP COLUMN model_id;
ALTER TABLE positions DROP COLUMN max_tokens;
ALTER TABLE positions DROP COLUMN context_window;

-- An employee's always-on agent (a long-running container, e.g. on ECS Fargate): a plain HTTP
-- runtime that serves only them and comes first in routing (DESIGN §4 step 5).
CREATE TABLE always_on_endpoints (
  employee_id TEXT PRIMARY KEY REFERENCES employees(id) ON DELETE CASCADE,
  endpoint TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- Guardrails: a Bedrock guardrail (ApplyGuardrail) or a built-in policy (denied topics, PII
-- patterns, word lists as JSON: contracts/src/guardrails.ts GuardrailPolicy), and the messages
-- people see when it blocks. Each runtime names at most one for input and one for output.
CREATE TABLE guardrails (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('bedrock', 'builtin')),
  bedrock_guardrail_id TEXT,
  bedrock_version TEXT,
  bedrock_region TEXT,
  policy TEXT,
  blocked_input_message TEXT NOT NULL,
  blocked_output_message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CHECK ((kind = 'bedrock') = (bedrock_guardrail_id IS NOT NULL AND bedrock_version IS NOT NULL AND bedrock_region IS NOT NULL)),
  CHECK ((kind = 'builtin') = (policy IS NOT NULL))
);

-- A guardrail in use cannot be deleted (the foreign keys refuse it; the API answers 409 first).
-- guardrail_strict: a guardrail that errors (Bedrock 5xx, timeout) refuses the turn instead of
-- letting it through unchecked.
ALTER TABLE runtimes ADD COLUMN input_guardrail_id TEXT REFERENCES guardrails(id);
ALTER TABLE runtimes ADD COLUMN output_guardrail_id TEXT REFERENCES guardrails(id);
ALTER TABLE runtimes ADD COLUMN guardrail_strict INTEGER NOT NULL DEFAULT 0;

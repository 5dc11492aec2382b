import { ChannelName, type ChecklistItem } from "@clawgate/contracts";
import type { Env } from "@clawgate/durable-objects";
import { channelConfigured } from "../api/admin/channels-settings.ts";

/** The offline stand-in's model id (edge/migrations/0004): what answers while no real model is set up. */
const OFFLINE_MODEL = "clawgate-offline";

/**
 * What a fresh installation still lacks, computed from the real state on every request (nothing
 * to keep in step): the global SOUL, a configured position, a real model, an IM bot, employees
 * beyond the seed admin, a budget.
 */
export async function setupChecklist(db: D1Database, env: Env): Promise<ChecklistItem[]> {
  const [globalSoul, positions, configuredModel, lastModel, employees, budgets] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT COUNT(*) AS n FROM soul_layers WHERE file = 'SOUL' AND scope = 'global'"),
    db.prepare(
      `SELECT COUNT(*) AS n FROM positions p
        WHERE EXISTS (SELECT 1 FROM soul_layers s WHERE s.scope = 'position' AND s.scope_id = p.id)
           OR EXISTS (SELECT 1 FROM agent_config_overrides o WHERE o.position_id = p.id)`,
    ),
    db.prepare("SELECT m.id FROM agent_config_overrides o JOIN models m ON m.id = o.model_id WHERE m.provider <> 'offline' LIMIT 1"),
    db.prepare("SELECT model FROM usage ORDER BY at DESC LIMIT 1"),
    db.prepare("SELECT COUNT(*) AS n FROM employees"),
    db.prepare("SELECT COUNT(*) AS n FROM budgets"),
  ]);
  const n = (result: D1Result<Record<string, unknown>> | undefined) => Number(result?.results[0]?.n ?? 0);
  const configured = (configuredModel?.results[0]?.id as string | undefined) ?? null;
  const inUse = (lastModel?.results[0]?.model as string | undefined) ?? null;
  const channels = ChannelName.options.filter((channel) => channelConfigured(env, channel));
  const positionCount = n(positions);
  const employeeCount = n(employees);
  const budgetCount = n(budgets);
  return [
    { id: "global_soul", done: n(globalSoul) > 0, count: null, value: null },
    { id: "position_config", done: positionCount > 0, count: positionCount, value: null },
    // The latest turn tells what really answers; before any turn, a real model named in the configuration counts.
    { id: "model", done: inUse ? inUse !== OFFLINE_MODEL : configured !== null, count: null, value: inUse ?? configured },
    { id: "im_bot", done: channels.length > 0, count: channels.length, value: channels.length ? channels.join(", ") : null },
    { id: "employees", done: employeeCount > 1, count: employeeCount, value: null },
    { id: "budget", done: budgetCount > 0, count: budgetCount, value: null },
  ];
}

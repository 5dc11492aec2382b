import type { SessionReset } from "@clawgate/contracts";
import type { Env } from "../env.ts";
import type { RuntimeRow } from "../turn/control-plane.ts";
import { agentCoreClient } from "./select.ts";

/**
 * "Apply now" for one agent: every runtime session it has used is ended or refreshed, so its next
 * turn starts from the current plan instead of waiting for the session to idle out.
 *
 * - AgentCore: StopRuntimeSession ends the session's microVM; the next invocation gets a new one.
 * - Plain HTTP runtimes (local dev, always-on containers) have no stop endpoint: the refresh is
 *   that this agent forgets what the runtime holds, so the next turn pushes the whole plan again.
 *
 * Which sessions live on which runtime is read from what the agent pushed to them (held_blobs);
 * session ids stay as they are (stable per employee and access path). What a runtime held is
 * forgotten whether or not its stop succeeded: re-sending content is always safe.
 */
export async function resetRuntimeSessions(sql: SqlStorage, env: Env): Promise<SessionReset> {
  const sessions = sql.exec<{ session_id: string; runtime_id: string }>("SELECT DISTINCT session_id, runtime_id FROM held_blobs ORDER BY session_id, runtime_id").toArray();
  const runtimeIds = [...new Set(sessions.map((s) => s.runtime_id))];
  const rows = await env.DB.prepare("SELECT id, name, kind, endpoint, qualifier, region FROM runtimes WHERE id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(runtimeIds))
    .all<RuntimeRow>();
  const runtimes = new Map(rows.results.map((r) => [r.id, r]));

  const result: SessionReset = { stopped: 0, refreshed: 0, failed: [] };
  for (const { session_id: sessionId, runtime_id: runtimeId } of sessions) {
    const runtime = runtimes.get(runtimeId);
    if (runtime?.kind === "agentcore") {
      try {
        await agentCoreClient(env, runtime).stopSession(sessionId);
        result.stopped++;
      } catch (error) {
        result.failed.push({ sessionId, runtimeId, message: error instanceof Error ? error.message : String(error) });
      }
    } else {
      // An HTTP runtime, an always-on endpoint, or a runtime deleted since: nothing to stop.
      result.refreshed++;
    }
    sql.exec("DELETE FROM held_blobs WHERE session_id = ? AND runtime_id = ?", sessionId, runtimeId);
  }
  return result;
}
